using System.Diagnostics.CodeAnalysis;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Silo.Running;

namespace Simulation.Silo.Calibration;

/// <summary>
/// What pattern checks need from a run, without keeping every row: all inspections, the metrics of
/// chosen months, and run-wide means of a few metrics for plausibility checks.
/// </summary>
public sealed class RunRecord(WorldSetup setup, IEnumerable<Month> watched) : IRunSink
{
    private readonly HashSet<int> _watched = [.. watched.Select(m => m.Index)];
    private readonly Dictionary<(int Replicate, int Month, Metric Metric), double> _values = [];
    private readonly Dictionary<Metric, (double Sum, long Count)> _means = [];
    private readonly Dictionary<(int Replicate, int Month, Framework Framework), GradeDistribution> _distributions = [];

    public WorldSetup Setup { get; } = setup;
    public List<InspectionRecord> Inspections { get; } = [];

    public void Write(MonthResult month)
    {
        Inspections.AddRange(month.Inspections);
        var keep = _watched.Contains(month.Month.Index);
        foreach (var r in month.Metrics)
        {
            if (keep) _values[(r.Replicate, r.Month.Index, r.Metric)] = r.Value;
            if (r.Metric is Metric.VacancyRate or Metric.AgencyShare)
            {
                _means.TryGetValue(r.Metric, out var m);
                _means[r.Metric] = (m.Sum + r.Value, m.Count + 1);
            }
        }
    }

    public double Value(int replicate, Month month, Metric metric) =>
        _values.TryGetValue((replicate, month.Index, metric), out var v)
            ? v
            : throw new InvalidOperationException($"{Metrics.Name(metric)} for {month} was not recorded");

    public double MeanOverRun(Metric metric) => _means.TryGetValue(metric, out var m) && m.Count > 0 ? m.Sum / m.Count : double.NaN;

    public IEnumerable<int> Replicates => Enumerable.Range(0, Setup.Replicates);

    /// <summary>
    /// The grade distribution of this run's <paramref name="replicate"/> in <paramref name="month"/>
    /// under <paramref name="framework"/>, if one was kept (<see cref="KeepDistribution"/>): the
    /// distributions are a pure function of the recorded values, and the costliest part of
    /// evaluating patterns, so each is computed once per run.
    /// </summary>
    public bool TryGetDistribution(int replicate, Month month, Framework framework, [NotNullWhen(true)] out GradeDistribution? distribution) =>
        _distributions.TryGetValue((replicate, month.Index, framework), out distribution);

    /// <summary>Keeps a distribution for <see cref="TryGetDistribution"/>; one already kept stays.</summary>
    public void KeepDistribution(int replicate, Month month, Framework framework, GradeDistribution distribution) =>
        _distributions.TryAdd((replicate, month.Index, framework), distribution);

    /// <summary>
    /// Runs one evaluation of <paramref name="setup"/> (see <see cref="Evaluator"/>) into a record;
    /// <paramref name="alone"/> when nothing else is evaluated meanwhile (<see cref="Evaluator.RunAsync"/>).
    /// </summary>
    public static async ValueTask<RunRecord> RunAsync(
        Evaluator evaluator, WorldSetup setup, IEnumerable<Month> watched, bool alone = false, CancellationToken cancellation = default)
    {
        var record = new RunRecord(setup, watched);
        await evaluator.RunAsync(setup, record, alone, cancellation).ConfigureAwait(false);
        return record;
    }

    /// <summary>Steps a world without Orleans (the same MonthRunner the grains use) into a record, on the caller's thread.</summary>
    public static RunRecord Direct(WorldSetup setup, IEnumerable<Month> watched) =>
        RunAsync(Evaluator.Local(1), setup, watched).AsTask().GetAwaiter().GetResult();
}
