using System.Reflection;

namespace Simulation.Tests.Architecture;

/// <summary>The projects' layers as the README describes them, held by their references.</summary>
public sealed class LayerTests
{
    private static string[] References(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name ?? "")];

    [Fact]
    public void The_model_references_nothing_of_Orleans_nor_of_the_other_projects()
    {
        var model = typeof(Simulation.Model.World.WorldSetup).Assembly;
        Assert.DoesNotContain(References(model), r => r.StartsWith("Orleans", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) || r.StartsWith("Simulation.", StringComparison.Ordinal));
    }

    [Fact]
    public void Scenarios_reference_the_model_only()
    {
        var scenarios = typeof(Simulation.Scenarios.ScenarioLoader).Assembly;
        var ours = References(scenarios).Where(r => r.StartsWith("Simulation", StringComparison.Ordinal) || r.Contains("Orleans", StringComparison.Ordinal));
        Assert.Equal(["Simulation.Model"], ours);
    }

    [Fact]
    public void Output_does_not_depend_on_figures()
    {
        // Statistics both use live in Simulation.Silo.Statistics; the writer never reaches into Plots.
        foreach (var file in Directory.EnumerateFiles(Support.Repository.File("src", "Silo", "Output"), "*.cs"))
        {
            Assert.DoesNotMatch(@"\bPlots\b", File.ReadAllText(file));
        }
    }

    [Fact]
    public void Performance_machinery_lives_in_the_engine_not_in_domain_classes()
    {
        // Thread-local state and collection hints belong to Engine/ (RandomStreams, StepCallbacks,
        // PerThread, MonthRunner); the domain folders read as the domain.
        var model = Support.Repository.File("src", "Model");
        foreach (var file in Directory.EnumerateFiles(model, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Engine{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains("[ThreadStatic]", StringComparison.Ordinal) || text.Contains("GC.", StringComparison.Ordinal),
                $"{Path.GetRelativePath(model, file)} holds engine machinery");
        }
    }
}
