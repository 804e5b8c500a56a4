using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Simulation.Scenarios;

namespace Simulation.Silo.Output;

/// <summary>
/// parameters.csv, for a run whose replicates take their parameters from a posterior: one row per
/// replicate, the particle it ran and the values of the posterior's parameters it ran with.
/// </summary>
public static class ParameterDraws
{
    public const string FileName = "parameters.csv";

    /// <summary>The table's text (empty when the scenario names no posterior).</summary>
    public static string Table(Scenario scenario)
    {
        if (scenario.Posterior is not { } file || scenario.Setup.Posterior is not { } posterior) return "";
        var setup = scenario.Setup;
        var sb = new StringBuilder("replicate,particle");
        foreach (var key in file.Keys) sb.Append(',').Append(Csv.Field(key.Key));
        sb.Append('\n');
        for (var r = 0; r < setup.Replicates; r++)
        {
            var parameters = setup.ParametersFor(r);
            sb.Append(r.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(posterior.Particles[setup.ParticleIndexFor(r)].ToString(CultureInfo.InvariantCulture));
            // The values the replicate ran, as they read back exactly (a variant's own values win over the posterior's).
            foreach (var key in file.Keys) sb.Append(',').Append(key.Get(parameters).ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes parameters.csv into <paramref name="folder"/> when the scenario names a posterior.</summary>
    public static void Write(string folder, Scenario scenario)
    {
        if (scenario.Posterior is null) return;
        File.WriteAllText(Path.Combine(folder, FileName), Table(scenario), new UTF8Encoding(false));
    }

    /// <summary>What the manifest records of the posterior, or null without one.</summary>
    public static PosteriorSummary? Summary(Scenario scenario)
    {
        if (scenario.Posterior is not { } file || scenario.Setup.Posterior is not { } posterior) return null;
        var drawn = Enumerable.Range(0, scenario.Setup.Replicates).Select(scenario.Setup.ParticleIndexFor).Distinct().Count();
        return new PosteriorSummary(file.File, file.Sha256, ScenarioLoader.PosteriorModeName(posterior.Mode), posterior.Particles.Length, drawn,
            [.. file.Keys.Select(k => k.Key)]);
    }
}

/// <summary>The manifest's record of a posterior: its file and SHA-256, how replicates chose from it, and how many particles they drew.</summary>
public sealed record PosteriorSummary(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("particles")] int Particles,
    [property: JsonPropertyName("distinct_particles_drawn")] int DistinctParticlesDrawn,
    [property: JsonPropertyName("parameters")] IReadOnlyList<string> Parameters);
