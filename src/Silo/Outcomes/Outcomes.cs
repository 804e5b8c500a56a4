using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Silo.Running;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Outcomes;

/// <summary>
/// The standard outcomes of one council in one replicate (one row of outcomes.csv): when it was
/// first judged inadequate, how long it took from there to a good or better judgement (or that it
/// had not got there when the run ended: censored), how many months it spent with a good or better
/// judgement in force, its spend against its budget over the run, its mean agency share, the grade
/// in force at the end, and its grade at every inspection.
/// </summary>
public sealed record ReplicateOutcome(
    int Replicate,
    string Council,
    Month? FirstInadequate,
    SurvivalTime? TimeToGood,
    int MonthsGoodOrBetter,
    int MonthsJudged,
    double SpendToBudget,
    double MeanAgencyShare,
    Judgement? InForceAtEnd,
    IReadOnlyList<Judgement> Judgements)
{
    /// <summary>Months from the first inadequate judgement to the first good or outstanding one, if it came within the run.</summary>
    public int? MonthsToGood => TimeToGood is { Event: true } t ? (int)t.Time : null;

    /// <summary>Whether a good judgement was still to come when the run ended (null when never judged inadequate).</summary>
    public bool? Censored => TimeToGood is { } t ? !t.Event : null;

    /// <summary>Whether the judgement in force in <paramref name="month"/> (after that month's inspections) was good or outstanding; null before the first.</summary>
    public bool? GoodOrBetterIn(Month month) =>
        Judgements.LastOrDefault(j => j.Month <= month) is { } j ? j.Overall >= Grade.Good : null;
}

/// <summary>The one definition of the time to good, used by outcomes.csv, reports, <c>compare</c> and <c>sensitivity</c>.</summary>
public static class TimeToGood
{
    /// <summary>
    /// Months from a council's first inadequate judgement to its first good or outstanding judgement
    /// after it (an event); or, when none came, the months from that first inadequate judgement to
    /// the run's last month (censored: the run ended first). Null for a council never judged
    /// inadequate, which is not at risk. <paramref name="judgements"/> must be in time order.
    /// </summary>
    public static SurvivalTime? Of(IReadOnlyList<Judgement> judgements, Month end)
    {
        var first = -1;
        for (var i = 0; i < judgements.Count; i++)
        {
            if (judgements[i].Overall == Grade.Inadequate)
            {
                first = i;
                break;
            }
        }
        if (first < 0) return null;
        var from = judgements[first].Month;
        for (var i = first + 1; i < judgements.Count; i++)
        {
            if (judgements[i].Overall >= Grade.Good) return new SurvivalTime(judgements[i].Month.MonthsSince(from), true);
        }
        return new SurvivalTime(end.MonthsSince(from), false);
    }
}

/// <summary>
/// Gathers <see cref="ReplicateOutcome"/>s as a run streams past: per council and replicate, its
/// judgements, the months a judgement of each kind was in force, and running sums of spend, budget
/// and agency share. Memory grows with councils x replicates x inspections, not with months.
/// </summary>
public sealed class OutcomeRecorder : IRunSink
{
    private readonly WorldSetup _setup;
    private readonly Dictionary<string, int> _index;
    private readonly Cell[] _cells;
    private Month? _last;

    public OutcomeRecorder(WorldSetup setup)
    {
        _setup = setup;
        _index = setup.Councils.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _cells = new Cell[setup.Replicates * setup.Councils.Length];
        for (var k = 0; k < _cells.Length; k++) _cells[k] = new Cell();
    }

    private sealed class Cell
    {
        public readonly List<Judgement> Judgements = [];
        public int Good;
        public int Judged;
        public double Spend;
        public double Budget;
        public double Agency;
        public int AgencyMonths;
    }

    private Cell? At(int replicate, string council) =>
        _index.TryGetValue(council, out var c) && replicate >= 0 && replicate < _setup.Replicates ? _cells[replicate * _index.Count + c] : null;

    public void Write(MonthResult month)
    {
        _last = month.Month;
        foreach (var i in month.Inspections) At(i.Replicate, i.Judgement.Area)?.Judgements.Add(i.Judgement);
        foreach (var m in month.Metrics)
        {
            if (m.Metric is not (Metric.Spend or Metric.Budget or Metric.AgencyShare)) continue;
            if (At(m.Replicate, m.Entity) is not { } cell) continue;
            switch (m.Metric)
            {
                case Metric.Spend:
                    cell.Spend += m.Value;
                    break;
                case Metric.Budget:
                    cell.Budget += m.Value;
                    break;
                default:
                    if (double.IsFinite(m.Value))
                    {
                        cell.Agency += m.Value;
                        cell.AgencyMonths++;
                    }
                    break;
            }
        }
        foreach (var cell in _cells)
        {
            if (cell.Judgements.Count == 0) continue;
            cell.Judged++;
            if (cell.Judgements[^1].Overall >= Grade.Good) cell.Good++;
        }
    }

    /// <summary>The run's outcomes: by replicate, then by council in the scenario's order.</summary>
    public OutcomeSet Result()
    {
        var end = _last ?? _setup.End;
        var rows = new List<ReplicateOutcome>(_cells.Length);
        for (var r = 0; r < _setup.Replicates; r++)
        {
            foreach (var council in _setup.Councils)
            {
                var cell = _cells[r * _index.Count + _index[council.Id]];
                var judgements = cell.Judgements.OrderBy(j => j.Month).ToList();
                var firstBad = judgements.FirstOrDefault(j => j.Overall == Grade.Inadequate)?.Month;
                rows.Add(new ReplicateOutcome(r, council.Id, firstBad, TimeToGood.Of(judgements, end), cell.Good, cell.Judged,
                    cell.Budget > 0 ? cell.Spend / cell.Budget : double.NaN,
                    cell.AgencyMonths > 0 ? cell.Agency / cell.AgencyMonths : double.NaN,
                    judgements.Count > 0 ? judgements[^1] : null, judgements));
            }
        }
        return new OutcomeSet(_setup.Start, end, _setup.Replicates, [.. _setup.Councils.Select(c => c.Id)], rows);
    }
}

/// <summary>The outcomes of one run (or one variant): every council in every replicate.</summary>
public sealed record OutcomeSet(Month Start, Month End, int Replicates, IReadOnlyList<string> Councils, IReadOnlyList<ReplicateOutcome> Rows)
{
    /// <summary>
    /// Per council, the months in which every replicate inspected it (the inspections every history
    /// shares: fixed dates, and the same cadence until histories part), in time order.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Month>> SharedInspections()
    {
        var result = new Dictionary<string, IReadOnlyList<Month>>(StringComparer.Ordinal);
        foreach (var council in Councils)
        {
            var counts = new Dictionary<Month, int>();
            foreach (var row in Rows.Where(r => r.Council == council))
            {
                foreach (var m in row.Judgements.Select(j => j.Month).Distinct()) counts[m] = counts.GetValueOrDefault(m) + 1;
            }
            result[council] = [.. counts.Where(c => c.Value == Replicates).Select(c => c.Key).Order()];
        }
        return result;
    }

    /// <summary>The time-to-good subjects of each replicate (every council first judged inadequate), for pairing replicates across runs.</summary>
    public IReadOnlyList<IReadOnlyList<SurvivalTime>> TimesByReplicate(string? council = null) =>
    [
        .. Enumerable.Range(0, Replicates).Select(r => (IReadOnlyList<SurvivalTime>)
            [.. Rows.Where(x => x.Replicate == r && (council is null || x.Council == council) && x.TimeToGood is not null).Select(x => x.TimeToGood!.Value)]),
    ];

    /// <summary>The same outcomes with only some histories (e.g. half the replicates), replicate numbers kept.</summary>
    public OutcomeSet Where(Func<ReplicateOutcome, bool> keep) => this with { Rows = [.. Rows.Where(keep)] };

    /// <summary>Every time-to-good subject, pooled over replicates (and councils unless one is named).</summary>
    public IReadOnlyList<SurvivalTime> Times(string? council = null) => [.. TimesByReplicate(council).SelectMany(t => t)];
}
