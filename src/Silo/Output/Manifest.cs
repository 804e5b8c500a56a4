using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Simulation.Scenarios;

namespace Simulation.Silo.Output;

/// <summary>
/// manifest.json: what produced the folder. It is the one file that differs between two runs of
/// the same scenario and seed (it records when the run was made).
/// </summary>
public sealed record Manifest(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("scenario_file")] string ScenarioFile,
    [property: JsonPropertyName("scenario_sha256")] string ScenarioSha256,
    [property: JsonPropertyName("scenario_inputs")] IReadOnlyDictionary<string, string> ScenarioInputs,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("replicates")] int Replicates,
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("program_version")] string ProgramVersion,
    [property: JsonPropertyName("silos")] string Silos,
    [property: JsonPropertyName("created_utc")] string CreatedUtc,
    [property: JsonPropertyName("files")] IReadOnlyDictionary<string, string> Files)
{
    public const string FileName = "manifest.json";

    /// <summary>For a variant of an experiment: its id (the folder's name).</summary>
    [JsonPropertyName("variant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    /// <summary>For a variant: the swept parameters and the values it ran with.</summary>
    [JsonPropertyName("variant_parameters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, double>? VariantParameters { get; init; }

    /// <summary>For a run conditioned on the record (<c>observed</c>): the file, the cutoff and the effective sample size per council.</summary>
    [JsonPropertyName("conditioning")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Backtest.ConditioningSummary? Conditioning { get; init; }

    /// <summary>For a run whose replicates take their parameters from a posterior: the file, its SHA-256, the mode and the particles drawn.</summary>
    [JsonPropertyName("posterior")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PosteriorSummary? Posterior { get; init; }

    /// <summary>For an experiment's top folder: the variant folders it holds.</summary>
    [JsonPropertyName("variants")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Variants { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string CurrentVersion =>
        typeof(Manifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static Manifest For(Scenario scenario, string folder, string silos)
    {
        var files = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f != FileName)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Sha256(Path.Combine(folder, f)));
        var s = scenario.Setup;
        return new Manifest(
            scenario.Name,
            scenario.Path,
            scenario.Sha256,
            scenario.Inputs.ToDictionary(i => i.Path, i => i.Sha256),
            s.Seed,
            s.Replicates,
            s.Start.ToString(),
            s.End.ToString(),
            "simulation",
            CurrentVersion,
            silos,
            DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            files)
        {
            Posterior = ParameterDraws.Summary(scenario),
        };
    }

    public void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Options) + "\n");

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
