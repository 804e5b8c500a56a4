using System.Text;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.World;
using Simulation.Silo.Running;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Output;

/// <summary>
/// Writes the tidy tables (timeseries.csv, inspections.csv, events.csv, arrangements.csv) as months arrive. Rows are
/// written month by month, and within a month replicate by replicate, in a fixed order, so the same
/// scenario and seed give the same bytes.
/// </summary>
public sealed class ResultWriter : IRunSink, IDisposable
{
    public const string Timeseries = "timeseries.csv";
    public const string Quantiles = "timeseries-quantiles.csv";
    public const string Inspections = "inspections.csv";
    public const string Events = "events.csv";
    public const string Arrangements = "arrangements.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _timeseries;
    private readonly StreamWriter _inspections;
    private readonly StreamWriter _events;
    private readonly StreamWriter _arrangements;
    private readonly Detail _detail;

    public ResultWriter(string folder, Detail detail = Detail.Full)
    {
        _detail = detail;
        _timeseries = detail == Detail.Full
            ? Open(folder, Timeseries, "replicate,month,entity,metric,value")
            : Open(folder, Quantiles, "month,entity,metric,p05,p25,p50,p75,p95");
        _inspections = Open(folder, Inspections, "replicate,month,entity,framework,overall,help_and_protection,children_in_care,leadership");
        _events = Open(folder, Events, "replicate,month,entity,event,council,data,detail");
        _arrangements = Open(folder, Arrangements, "replicate,month,entity,arrangement,provider,partner");
    }

    public long MetricRows { get; private set; }
    public long InspectionRows { get; private set; }
    public long EventRows { get; private set; }

    public void Write(MonthResult month)
    {
        if (_detail == Detail.Summary)
        {
            WriteQuantiles(month);
        }
        else
        {
            WriteSeries(month);
        }
        WriteRecords(month);
    }

    private void WriteSeries(MonthResult month)
    {
        var m = month.Month.ToString();
        foreach (var r in month.Metrics)
        {
            _timeseries.Write(r.Replicate);
            _timeseries.Write(',');
            _timeseries.Write(m);
            _timeseries.Write(',');
            _timeseries.Write(Csv.Field(r.Entity));
            _timeseries.Write(',');
            _timeseries.Write(Metrics.Name(r.Metric));
            _timeseries.Write(',');
            _timeseries.Write(Csv.Number(r.Value));
            _timeseries.Write('\n');
        }
        MetricRows += month.Metrics.Count;
    }

    private void WriteRecords(MonthResult month)
    {
        foreach (var i in month.Inspections)
        {
            var j = i.Judgement;
            _inspections.Write(string.Join(',',
                i.Replicate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                j.Month.ToString(),
                Csv.Field(j.Area),
                Frameworks.Name(j.Framework),
                Frameworks.Label(j.Overall, j.Framework),
                Label(j.HelpAndProtection, j.Framework),
                Label(j.ChildrenInCare, j.Framework),
                Label(j.Leadership, j.Framework)));
            _inspections.Write('\n');
        }
        InspectionRows += month.Inspections.Length;

        foreach (var e in month.Events)
        {
            _events.Write(string.Join(',',
                e.Replicate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                e.Month.ToString(),
                Csv.Field(e.Entity),
                Csv.Field(e.Event),
                Csv.Field(e.Council),
                Csv.Field(e.Data),
                Csv.Field(e.Detail)));
            _events.Write('\n');
        }
        EventRows += month.Events.Length;

        foreach (var a in month.Arrangements)
        {
            _arrangements.Write(string.Join(',',
                a.Replicate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.Month.ToString(),
                Csv.Field(a.Council),
                Model.Governance.Arrangements.Name(a.Arrangement),
                Csv.Field(a.Provider),
                Csv.Field(a.Partner)));
            _arrangements.Write('\n');
        }
    }

    public void Dispose()
    {
        _timeseries.Dispose();
        _inspections.Dispose();
        _events.Dispose();
        _arrangements.Dispose();
    }

    /// <summary>Name of the national entity in the quantile table.</summary>
    public const string AllCouncils = "all";

    /// <summary>
    /// Quantiles across replicates of each council's metrics, and of the national figure
    /// (<see cref="NationalFigure"/>: per replicate the sum over councils for counts, staff and
    /// money, the mean over councils for rates, shares and indices).
    /// </summary>
    private void WriteQuantiles(MonthResult month)
    {
        var m = month.Month.ToString();
        // Hashed while gathering, sorted once for writing: a sorted dictionary compared strings a
        // dozen times per value, most of a large run's time.
        var byEntity = new Dictionary<(string Entity, Metric Metric), List<double>>();
        var national = new NationalFigure();
        foreach (var r in month.Metrics)
        {
            if (!byEntity.TryGetValue((r.Entity, r.Metric), out var list)) byEntity[(r.Entity, r.Metric)] = list = [];
            list.Add(r.Value);
            national.Add(r.Replicate, r.Metric, r.Value);
        }
        void Row(string entity, Metric metric, List<double> values)
        {
            var band = Band.Of(values);
            _timeseries.Write(m);
            _timeseries.Write(',');
            _timeseries.Write(Csv.Field(entity));
            _timeseries.Write(',');
            _timeseries.Write(Metrics.Name(metric));
            foreach (var q in (double[])[band.P05, band.P25, band.P50, band.P75, band.P95])
            {
                _timeseries.Write(',');
                _timeseries.Write(Csv.Number(q));
            }
            _timeseries.Write('\n');
            MetricRows++;
        }
        var keys = byEntity.Keys.ToArray();
        Array.Sort(keys, static (a, b) => string.CompareOrdinal(a.Entity, b.Entity) is var c && c != 0 ? c : ((int)a.Metric).CompareTo((int)b.Metric));
        foreach (var key in keys) Row(key.Entity, key.Metric, byEntity[key]);
        foreach (var metric in national.Seen) Row(AllCouncils, metric, national.Values(metric));
    }

    private static string Label(Grade? grade, Framework framework) => grade is { } g ? Frameworks.Label(g, framework) : "";

    private static StreamWriter Open(string folder, string name, string header)
    {
        var writer = new StreamWriter(Path.Combine(folder, name), append: false, Utf8, bufferSize: 1 << 16) { NewLine = "\n" };
        writer.Write(header);
        writer.Write('\n');
        return writer;
    }
}

/// <summary>How much of each replicate's series a run writes.</summary>
public enum Detail
{
    /// <summary>Every replicate's value of every metric (timeseries.csv).</summary>
    Full,

    /// <summary>Per month, council and metric, quantiles across replicates, and the national figure (timeseries-quantiles.csv).</summary>
    Summary,
}
