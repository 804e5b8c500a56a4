using System.Globalization;
using System.Text.Json;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Silo.Output;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Plots;

/// <summary>
/// A result folder as found, before its rows are read: enough to choose what a comparison
/// compares. <see cref="Councils"/> are the councils its series table lists, in that table's order
/// (the scenario's order in timeseries.csv, by id in timeseries-quantiles.csv).
/// </summary>
public sealed record ResultSource(string Folder, string Label, string Scenario, long Seed, int Replicates, Detail Detail,
    IReadOnlyList<string> Councils, string ManifestJson)
{
    /// <summary>timeseries.csv, or timeseries-quantiles.csv for a folder written with <c>--detail summary</c>.</summary>
    public string Series => Path.Combine(Folder, Detail == Detail.Full ? ResultWriter.Timeseries : ResultWriter.Quantiles);
}

/// <summary>
/// A run read back for one <see cref="ComparisonScope"/>: the judgements, arrangements and
/// inspections of the councils in scope, and per month the bands across replicates of the
/// compared entity's plotted metrics (a council's, or the national figure's).
/// </summary>
public sealed record ResultRun(ResultSource Source, RunSummary Summary, IReadOnlyDictionary<Metric, IReadOnlyList<Band>> Bands)
{
    public string Label => Source.Label;
    public int Replicates => Source.Replicates;
}

public sealed class ResultFolderException(string message) : Exception(message);

/// <summary>
/// Reads a result folder (the tables and manifest a run wrote) back into the summary the figures
/// draw from, month by month: judgements and arrangements from inspections.csv and arrangements.csv
/// (always complete), the bands of the metrics from timeseries-quantiles.csv as written, or from
/// timeseries.csv one month at a time. A folder holding an experiment (variants.csv) yields one
/// run per variant.
/// </summary>
public static class ResultFolder
{
    private static readonly Dictionary<string, Metric> MetricsByName =
        Enum.GetValues<Metric>().ToDictionary(Metrics.Name, m => m, StringComparer.Ordinal);

    /// <summary>The runs in a folder (one, or one per variant of an experiment), found but not yet read.</summary>
    public static IReadOnlyList<ResultSource> Find(string folder)
    {
        if (!Directory.Exists(folder)) throw new ResultFolderException($"{folder}: no such folder");
        var variants = Path.Combine(folder, "variants.csv");
        if (File.Exists(variants))
        {
            return [.. File.ReadLines(variants).Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',')[0])
                .Select(id => Open(Path.Combine(folder, id), $"{Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/'))}/{id}"))];
        }
        return [Open(folder, null)];
    }

    private static string Need(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path)) throw new ResultFolderException($"{folder}: no {name}; expected the folder a 'run' wrote");
        return path;
    }

    /// <summary>Reads a run's manifest and the councils its series table lists.</summary>
    public static ResultSource Open(string folder, string? label)
    {
        var manifestText = File.ReadAllText(Need(folder, Manifest.FileName));
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
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ResultFolderException($"{folder}/{Manifest.FileName}: not a manifest this program wrote ({e.Message})");
        }
        if (replicates < 1) throw new ResultFolderException($"{folder}/{Manifest.FileName}: {replicates} replicates");
        var detail = File.Exists(Path.Combine(folder, ResultWriter.Timeseries)) || !File.Exists(Path.Combine(folder, ResultWriter.Quantiles))
            ? Detail.Full
            : Detail.Summary;
        var source = new ResultSource(folder, label ?? scenario, scenario, seed, replicates, detail, [], manifestText);
        Need(folder, Path.GetFileName(source.Series));
        return source with { Councils = CouncilsOf(source) };
    }

    /// <summary>The councils of the first month's rows (of its first replicate, in timeseries.csv): every council reports every month.</summary>
    private static List<string> CouncilsOf(ResultSource source)
    {
        var councils = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? first = null;
        foreach (var row in Rows(source))
        {
            var key = source.Detail == Detail.Full ? $"{row.Month} {row.Replicate}" : row.Month;
            first ??= key;
            if (key != first) break;
            if (row.Entity != ResultWriter.AllCouncils && seen.Add(row.Entity)) councils.Add(row.Entity);
        }
        if (councils.Count == 0) throw new ResultFolderException($"{source.Series}: no rows");
        return councils;
    }

    /// <summary>
    /// Reads the run for a scope: only the councils in scope are summarised, and only the compared
    /// entity's bands are kept. The series table is read one month at a time.
    /// </summary>
    public static ResultRun Read(ResultSource source, ComparisonScope scope)
    {
        var councils = scope.Council is { } id ? [id] : source.Councils;
        var inScope = councils.ToHashSet(StringComparer.Ordinal);
        var inspections = new Dictionary<int, List<InspectionRecord>>();
        foreach (var line in File.ReadLines(Need(source.Folder, ResultWriter.Inspections)).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 5 || !inScope.Contains(f[2]) || !Month.TryParse(f[1], out var month) || !Frameworks.TryParse(f[3], out var framework)
                || !Frameworks.GradeNames.TryGetValue(f[4], out var grade)) continue;
            if (!inspections.TryGetValue(month.Index, out var list)) inspections[month.Index] = list = [];
            list.Add(new InspectionRecord(Replicate(source, f[0]), new Judgement(f[2], month, framework, grade, null, null, null)));
        }
        var arrangements = new Dictionary<int, List<ArrangementRecord>>();
        foreach (var fields in File.ReadLines(Need(source.Folder, ResultWriter.Arrangements)).Skip(1).Select(Simulation.Scenarios.CsvLine.Split))
        {
            if (fields.Count != 6 || !inScope.Contains(fields[2]) || !Month.TryParse(fields[1], out var month)) continue;
            var arrangement = Arrangements.Parse(fields[3])
                ?? throw new ResultFolderException($"{Path.Combine(source.Folder, ResultWriter.Arrangements)}: '{fields[3]}' is not an arrangement");
            if (!arrangements.TryGetValue(month.Index, out var list)) arrangements[month.Index] = list = [];
            list.Add(new ArrangementRecord(Replicate(source, fields[0]), month, fields[2], arrangement, fields[4], fields[5]));
        }

        var summary = new RunSummary(councils.Select(c => (c, c)), source.Replicates, councilBands: false);
        var bands = RunSummary.Plotted.ToDictionary(m => m, _ => new List<Band>());
        var national = new NationalFigure();
        var values = RunSummary.Plotted.ToDictionary(m => m, _ => new List<double>());
        var read = new Dictionary<Metric, Band>();
        void EndMonth(Month month)
        {
            foreach (var metric in RunSummary.Plotted)
            {
                bands[metric].Add(source.Detail == Detail.Summary ? read.GetValueOrDefault(metric, Band.Missing)
                    : scope.Council is null ? national.BandOf(metric)
                    : values[metric].Count > 0 ? Band.Of(values[metric]) : Band.Missing);
                values[metric].Clear();
            }
            national.Clear();
            read.Clear();
            summary.Write(new MonthResult(month, MetricCollection.Empty,
                inspections.TryGetValue(month.Index, out var i) ? [.. i] : [],
                [],
                arrangements.TryGetValue(month.Index, out var a) ? [.. a] : []));
        }
        Month? current = null;
        string? currentText = null;
        foreach (var row in Rows(source))
        {
            if (row.Month != currentText)
            {
                currentText = row.Month;
                if (!Month.TryParse(row.Month, out var month)) throw new ResultFolderException($"{source.Series}: '{row.Month}' is not a month (YYYY-MM)");
                if (current is { } previous)
                {
                    if (month <= previous) throw new ResultFolderException($"{source.Series}: rows of {month} after {previous}; expected months in order, as 'run' writes them");
                    EndMonth(previous);
                }
                current = month;
            }
            if (!MetricsByName.TryGetValue(row.Metric, out var metric) || Array.IndexOf(RunSummary.Plotted, metric) < 0) continue;
            if (source.Detail == Detail.Summary)
            {
                if (row.Entity == scope.SeriesEntity) read[metric] = row.Band();
            }
            else if (scope.Council is null)
            {
                national.Add(Replicate(source, row.Replicate), metric, row.Number(0));
            }
            else if (row.Entity == scope.Council)
            {
                values[metric].Add(row.Number(0));
            }
        }
        if (current is not { } last) throw new ResultFolderException($"{source.Series}: no rows");
        EndMonth(last);
        return new ResultRun(source, summary, bands.ToDictionary(p => p.Key, p => (IReadOnlyList<Band>)p.Value));
    }

    private static int Replicate(ResultSource source, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r < source.Replicates
            ? r
            : throw new ResultFolderException($"{source.Folder}: replicate '{text}' is not one of the manifest's {source.Replicates}");

    /// <summary>
    /// A row of either series table: <c>replicate,month,entity,metric,value</c> or
    /// <c>month,entity,metric,p05,p25,p50,p75,p95</c> (no replicate, five numbers).
    /// </summary>
    private readonly record struct SeriesRow(string Path, string Replicate, string Month, string Entity, string Metric, string[] Numbers)
    {
        public double Number(int k) => Numbers[k].Length == 0 ? double.NaN
            : double.TryParse(Numbers[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x
            : throw new ResultFolderException($"{Path}: '{Numbers[k]}' is not a number");

        public Band Band() => new(Number(0), Number(1), Number(2), Number(3), Number(4));
    }

    /// <summary>The series table's rows, streamed; rows of the wrong shape are skipped.</summary>
    private static IEnumerable<SeriesRow> Rows(ResultSource source)
    {
        var full = source.Detail == Detail.Full;
        foreach (var line in File.ReadLines(source.Series).Skip(1))
        {
            var f = line.Split(',');
            if (full && f.Length == 5) yield return new SeriesRow(source.Series, f[0], f[1], f[2], f[3], f[4..]);
            else if (!full && f.Length == 8) yield return new SeriesRow(source.Series, "", f[0], f[1], f[2], f[3..]);
        }
    }
}
