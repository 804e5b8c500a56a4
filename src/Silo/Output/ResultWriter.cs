using System.Text;
using Simulation.Model.Inspection;
using Simulation.Model.World;
using Simulation.Silo.Running;

namespace Simulation.Silo.Output;

/// <summary>
/// Writes the tidy tables (timeseries.csv, inspections.csv, events.csv) as months arrive. Rows are
/// written month by month, and within a month replicate by replicate, in a fixed order, so the same
/// scenario and seed give the same bytes.
/// </summary>
public sealed class ResultWriter : IRunSink, IDisposable
{
    public const string Timeseries = "timeseries.csv";
    public const string Inspections = "inspections.csv";
    public const string Events = "events.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter _timeseries;
    private readonly StreamWriter _inspections;
    private readonly StreamWriter _events;

    public ResultWriter(string folder)
    {
        _timeseries = Open(folder, Timeseries, "replicate,month,entity,metric,value");
        _inspections = Open(folder, Inspections, "replicate,month,entity,framework,overall,help_and_protection,children_in_care,leadership");
        _events = Open(folder, Events, "replicate,month,entity,event,detail");
    }

    public long MetricRows { get; private set; }
    public long InspectionRows { get; private set; }
    public long EventRows { get; private set; }

    public void Write(MonthResult month)
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
        MetricRows += month.Metrics.Length;

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
                Csv.Field(e.Detail)));
            _events.Write('\n');
        }
        EventRows += month.Events.Length;
    }

    public void Dispose()
    {
        _timeseries.Dispose();
        _inspections.Dispose();
        _events.Dispose();
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
