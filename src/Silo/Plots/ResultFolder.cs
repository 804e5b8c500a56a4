using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Silo.Output;

namespace Simulation.Silo.Plots;

/// <summary>A run read back from its output folder, for <c>compare</c>.</summary>
public sealed record ResultRun(string Label, string Folder, string Scenario, long Seed, int Replicates, RunSummary Summary, string ManifestJson);

public sealed class ResultFolderException(string message) : Exception(message);

/// <summary>
/// Reads a result folder (the tables and manifest a run wrote) back into the summary the figures
/// draw from, by replaying its rows month by month. A folder holding an experiment (variants.csv)
/// yields one run per variant.
/// </summary>
public static class ResultFolder
{
    private static readonly Dictionary<string, Metric> MetricsByName =
        Enum.GetValues<Metric>().ToDictionary(Metrics.Name, m => m, StringComparer.Ordinal);

    public static IReadOnlyList<ResultRun> ReadAll(string folder)
    {
        if (!Directory.Exists(folder)) throw new ResultFolderException($"{folder}: no such folder");
        var variants = Path.Combine(folder, "variants.csv");
        if (File.Exists(variants))
        {
            return [.. File.ReadLines(variants).Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',')[0])
                .Select(id => Read(Path.Combine(folder, id), $"{Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/'))}/{id}"))];
        }
        return [Read(folder, null)];
    }

    public static ResultRun Read(string folder, string? label)
    {
        string Need(string name)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) throw new ResultFolderException($"{folder}: no {name}; expected the folder a 'run' wrote");
            return path;
        }
        var manifestText = File.ReadAllText(Need(Manifest.FileName));
        string scenario;
        long seed;
        int replicates;
        try
        {
            using var doc = JsonDocument.Parse(manifestText);
            scenario = doc.RootElement.GetProperty("scenario").GetString() ?? "";
            seed = doc.RootElement.GetProperty("seed").GetInt64();
            replicates = doc.RootElement.GetProperty("replicates").GetInt32();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ResultFolderException($"{folder}/{Manifest.FileName}: not a manifest this program wrote ({e.Message})");
        }

        if (!File.Exists(Path.Combine(folder, ResultWriter.Timeseries)) && File.Exists(Path.Combine(folder, ResultWriter.Quantiles)))
            throw new ResultFolderException($"{folder}: holds quantiles only (--detail summary); compare needs every replicate's series: rerun with --detail full");

        // Gather each month's rows, then replay them in month order.
        var metrics = new SortedDictionary<int, List<MetricRecord>>();
        var entities = new List<string>();
        foreach (var line in File.ReadLines(Need(ResultWriter.Timeseries)).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length != 5 || !MetricsByName.TryGetValue(f[3], out var metric)) continue;
            if (!Month.TryParse(f[1], out var month)) continue;
            if (!entities.Contains(f[2])) entities.Add(f[2]);
            if (!metrics.TryGetValue(month.Index, out var list)) metrics[month.Index] = list = [];
            list.Add(new MetricRecord(int.Parse(f[0], CultureInfo.InvariantCulture), month, f[2], metric, double.Parse(f[4], CultureInfo.InvariantCulture)));
        }
        var inspections = new Dictionary<int, List<InspectionRecord>>();
        foreach (var line in File.ReadLines(Need(ResultWriter.Inspections)).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 5 || !Month.TryParse(f[1], out var month) || !Frameworks.TryParse(f[3], out var framework)
                || !Frameworks.GradeNames.TryGetValue(f[4], out var grade)) continue;
            if (!inspections.TryGetValue(month.Index, out var list)) inspections[month.Index] = list = [];
            list.Add(new InspectionRecord(int.Parse(f[0], CultureInfo.InvariantCulture), new Judgement(f[2], month, framework, grade, null, null, null)));
        }
        var events = new Dictionary<int, List<EventRecord>>();
        foreach (var fields in ReadCsv(Need(ResultWriter.Events)).Skip(1))
        {
            if (fields.Count != 5 || !Month.TryParse(fields[1], out var month)) continue;
            if (!events.TryGetValue(month.Index, out var list)) events[month.Index] = list = [];
            list.Add(new EventRecord(int.Parse(fields[0], CultureInfo.InvariantCulture), month, fields[2], fields[3], fields[4]));
        }
        if (metrics.Count == 0) throw new ResultFolderException($"{folder}/{ResultWriter.Timeseries}: no rows");

        var summary = new RunSummary(entities.Select(e => (e, e)), replicates);
        foreach (var (index, rows) in metrics)
        {
            summary.Write(new MonthResult(new Month(index), [.. rows],
                inspections.TryGetValue(index, out var i) ? [.. i] : [],
                events.TryGetValue(index, out var e) ? [.. e] : []));
        }
        return new ResultRun(label ?? scenario, folder, scenario, seed, replicates, summary, manifestText);
    }

    /// <summary>CSV rows with quoted fields (events' details may hold commas).</summary>
    private static IEnumerable<List<string>> ReadCsv(string path) => File.ReadLines(path).Select(Simulation.Scenarios.CsvLine.Split);
}
