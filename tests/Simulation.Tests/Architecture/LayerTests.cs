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

    [Fact]
    public void Each_actor_holds_one_state_record_which_is_also_its_checkpoint()
    {
        var model = typeof(Simulation.Model.World.Actor).Assembly;
        var actors = model.GetTypes().Where(t => t.IsSubclassOf(typeof(Simulation.Model.World.Actor)) && !t.IsAbstract).ToList();
        Assert.Equal(6, actors.Count);
        foreach (var actor in actors)
        {
            var states = actor.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => f.FieldType.IsSubclassOf(typeof(Simulation.Model.World.ActorSnapshot))).ToList();
            Assert.True(states.Count <= 1, $"{actor.Name} holds {states.Count} state records");
            var saved = actor.GetMethod("Save")!.ReturnType;
            Assert.Equal(typeof(Simulation.Model.World.ActorSnapshot), saved);
        }
        // No hand-mirrored snapshot types: every concrete state is named for what it is.
        var kinds = model.GetTypes().Where(t => t.IsSubclassOf(typeof(Simulation.Model.World.ActorSnapshot)) && !t.IsAbstract).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["CouncilState", "DepartmentState", "InspectorState", "PartnerState", "RegionState", "TrustState"], kinds);
    }
}
