using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Simulation.Model.Parameters;
using Simulation.Model.World;
using Simulation.Scenarios.Yaml;

namespace Simulation.Scenarios;

/// <summary>
/// A calibration posterior as its file gives it (<c>posterior</c>; the format
/// <c>simulation calibrate-national</c> writes): per particle, its id, weight, distance and a value
/// for each parameter the file names (<see cref="Keys"/>), in the file's order.
/// </summary>
public sealed record PosteriorFile(
    string File,
    string Sha256,
    ImmutableArray<ParameterInfo> Keys,
    ImmutableArray<int> Particles,
    ImmutableArray<double> Weights,
    ImmutableArray<double> Distances,
    ImmutableArray<ImmutableArray<double>> Values)
{
    /// <summary>
    /// The particles as the model runs them: each the <paramref name="baseline"/> parameters with the
    /// posterior's values in place of the scenario's, then <paramref name="after"/> (an experiment
    /// variant's values, which win over the posterior's).
    /// </summary>
    public ParameterPosterior Over(ModelParameters baseline, PosteriorMode mode, IEnumerable<VariantValue>? after = null)
    {
        var later = after?.ToList() ?? [];
        var sets = ImmutableArray.CreateBuilder<ModelParameters>(Particles.Length);
        foreach (var row in Values)
        {
            var p = baseline;
            for (var k = 0; k < Keys.Length; k++) p = Keys[k].With(p, row[k]);
            foreach (var v in later)
            {
                if (ParameterCatalog.TryGet(v.Key, out var info)) p = info.With(p, v.Value);
            }
            sets.Add(p);
        }
        return new ParameterPosterior(Particles, Weights, Distances, sets.MoveToImmutable(), mode);
    }
}

public static partial class ScenarioLoader
{
    /// <summary>The columns a posterior file starts with; every further column is a parameter by its key.</summary>
    public static readonly ImmutableArray<string> PosteriorColumns = ["particle", "weight", "distance"];

    /// <summary>The names of <see cref="PosteriorMode"/> in scenario files and on the command line.</summary>
    public static readonly ImmutableArray<string> PosteriorModes = ["draw", "best"];

    public static PosteriorMode ParsePosteriorMode(string text) => text == "best" ? PosteriorMode.Best : PosteriorMode.Draw;

    public static string PosteriorModeName(PosteriorMode mode) => mode == PosteriorMode.Best ? "best" : "draw";

    /// <summary>
    /// A CSV file a scenario references, as lines (byte-order mark and carriage returns dropped),
    /// with the SHA-256 of its bytes; or null with a located error: unreadable, too large, binary
    /// (a NUL byte), or not UTF-8. <paramref name="expected"/> says what the file should be.
    /// </summary>
    private static (string[] Lines, string Sha)? ReadCsvText(string full, string shown, string expected, Reader r)
    {
        var (read, problem) = ScenarioFiles.Read(full, MaxFileBytes);
        if (read is not { } bytes)
        {
            r.Errors.Add(new ScenarioError(shown, 0, 0, "", $"{problem}; {expected}"));
            return null;
        }
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            r.Errors.Add(new ScenarioError(shown, 0, 0, "", $"is not a CSV text file of at most {MaxFileBytes:N0} bytes; {expected}"));
            return null;
        }
        if (ScenarioFiles.FirstInvalidUtf8(bytes) is { } bad)
        {
            r.Errors.Add(new ScenarioError(shown, bad.Line, bad.Column, "", $"is not UTF-8 text (the first byte that is not starts here); {expected}"));
            return null;
        }
        var text = new UTF8Encoding(false).GetString(bytes);
        return (text.TrimStart('\uFEFF').Replace("\r", "", StringComparison.Ordinal).Split('\n'), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>
    /// The data rows of a referenced CSV file after its header (blank lines skipped), each with its
    /// line number and fields; a row with another number of fields than the header's is a located
    /// error and is left out.
    /// </summary>
    private static IEnumerable<(int Line, List<(string Value, int Column)> Fields)> DataRows(string[] lines, int columns, string shown, Reader r)
    {
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = CsvLine.SplitWithColumns(lines[i]);
            if (fields.Count != columns)
            {
                r.Errors.Add(new ScenarioError(shown, i + 1, 1, "", $"expected {columns} fields as in the header, found {fields.Count}"));
                continue;
            }
            yield return (i + 1, fields);
        }
    }

    /// <summary>
    /// Reads a posterior file. Every problem is located to the file's line and column and the
    /// column's name: an unknown parameter, a value that is not a number or lies outside the
    /// parameter's range, a weight that is not positive, a particle id that is not a whole number or
    /// is repeated, an empty file.
    /// </summary>
    private static PosteriorFile? ReadPosterior(string full, string shown, Reader r)
    {
        var expected = $"expected a CSV with the columns {string.Join(",", PosteriorColumns)} and then one column per parameter by its key (what calibrate-national writes)";
        if (ReadCsvText(full, shown, expected, r) is not (var lines, var sha)) return null;
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            r.Errors.Add(new ScenarioError(shown, 0, 0, "", $"is empty; {expected}"));
            return null;
        }

        var header = CsvLine.SplitWithColumns(lines[0]);
        var errors = r.Errors.Count;
        void HeaderError(int column, string key, string message) => r.Errors.Add(new ScenarioError(shown, 1, column, key, message));
        for (var i = 0; i < PosteriorColumns.Length; i++)
        {
            if (i >= header.Count || header[i].Value.Trim() != PosteriorColumns[i])
            {
                HeaderError(i < header.Count ? header[i].Column : 1, PosteriorColumns[i],
                    $"expected column {i + 1} to be '{PosteriorColumns[i]}'{(i < header.Count ? $", found '{header[i].Value}'" : "")}; {expected}");
            }
        }
        var keys = ImmutableArray.CreateBuilder<ParameterInfo>();
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = PosteriorColumns.Length; i < header.Count; i++)
        {
            var key = header[i].Value.Trim();
            if (!ParameterCatalog.TryGet(key, out var info))
                HeaderError(header[i].Column, key, $"unknown parameter{Suggestions.DidYouMean(key, ParameterCatalog.Keys)}; the parameters are listed in docs/ODD.md section 8");
            else if (!seenKeys.Add(key))
                HeaderError(header[i].Column, key, "is a column twice; expected one column per parameter");
            else keys.Add(info);
        }
        if (r.Errors.Count == errors && keys.Count == 0)
            HeaderError(1, "", $"names no parameter; {expected}");
        if (r.Errors.Count > errors) return null;

        var particles = ImmutableArray.CreateBuilder<int>();
        var weights = ImmutableArray.CreateBuilder<double>();
        var distances = ImmutableArray.CreateBuilder<double>();
        var values = ImmutableArray.CreateBuilder<ImmutableArray<double>>();
        var seenParticles = new Dictionary<int, int>();
        foreach (var (line, fields) in DataRows(lines, header.Count, shown, r))
        {
            var ok = true;
            void Error(int index, string key, string message)
            {
                r.Errors.Add(new ScenarioError(shown, line, fields[index].Column, key, message));
                ok = false;
            }
            double? Number(int index, string key)
            {
                var t = fields[index].Value.Trim();
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)) return x;
                Error(index, key, $"'{t}' is not a finite number");
                return null;
            }

            var particleText = fields[0].Value.Trim();
            if (!int.TryParse(particleText, NumberStyles.None, CultureInfo.InvariantCulture, out var particle))
                Error(0, "particle", $"'{particleText}' is not a particle id; expected a whole number 0 or more");
            else if (seenParticles.TryGetValue(particle, out var first))
                Error(0, "particle", $"particle {particle} is already on line {first}; expected each particle once");
            else seenParticles[particle] = line;
            var weight = Number(1, "weight");
            if (weight is <= 0) Error(1, "weight", $"{fields[1].Value.Trim()} is not positive; expected a weight above 0");
            var distance = Number(2, "distance");
            var row = new double[keys.Count];
            for (var k = 0; k < keys.Count; k++)
            {
                var info = keys[k];
                if (Number(PosteriorColumns.Length + k, info.Key) is not { } x) continue;
                if (x < info.Min || x > info.Max)
                    Error(PosteriorColumns.Length + k, info.Key, $"{fields[PosteriorColumns.Length + k].Value.Trim()} is out of range; expected {Reader.Fmt(info.Min)} to {Reader.Fmt(info.Max)} ({info.Unit})");
                row[k] = x;
            }
            if (!ok) continue;
            particles.Add(particle);
            weights.Add(weight!.Value);
            distances.Add(distance!.Value);
            values.Add([.. row]);
        }
        if (r.Errors.Count > errors) return null;
        if (particles.Count == 0)
        {
            r.Errors.Add(new ScenarioError(shown, 1, 1, "", $"holds a header but no particles; {expected}"));
            return null;
        }
        return new PosteriorFile(shown, sha, keys.ToImmutable(), particles.ToImmutable(), weights.ToImmutable(), distances.ToImmutable(), values.ToImmutable());
    }
}
