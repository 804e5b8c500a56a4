using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Silo.Running;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Plots;

/// <summary>
/// What the figures need from a run, gathered month by month as the run streams past (so memory
/// does not grow with replicates): for each council, quantiles of the plotted metrics, the grade in
/// force in every replicate, the arrangement, and every inspection.
/// </summary>
public sealed class RunSummary : IRunSink
{
    public static readonly Metric[] Plotted =
    [
        Metric.CaseloadPerWorker, Metric.CaseloadP90, Metric.AgencyShare, Metric.VacancyRate,
        Metric.PracticeQuality, Metric.LeadershipQuality, Metric.Spend, Metric.Budget,
    ];

    private readonly List<string> _order;
    private readonly Dictionary<string, CouncilSummary> _councils;
    private readonly bool _councilBands;

    /// <summary>For a run: per-council bands are kept only when its per-council figures will be drawn.</summary>
    public RunSummary(WorldSetup setup)
        : this(setup.Councils.Select(c => (c.Id, c.Name)), setup.Replicates, Figures.DrawsCouncils(setup.Councils.Length))
    {
    }

    /// <summary>
    /// For results read back from a folder: the councils (id, display name) and the replicates.
    /// Without <paramref name="councilBands"/> only judgements are summarised (a national run's
    /// figure needs no more, and the bands of 151 councils would be computed for nothing).
    /// </summary>
    public RunSummary(IEnumerable<(string Id, string Name)> councils, int replicates, bool councilBands = true)
    {
        _councilBands = councilBands;
        var list = councils.ToList();
        _order = [.. list.Select(c => c.Id)];
        _councils = list.ToDictionary(c => c.Id, c => new CouncilSummary(c.Id, c.Name, replicates));
        Replicates = replicates;
    }

    public IReadOnlyList<CouncilSummary> Councils => [.. _order.Select(id => _councils[id])];
    public List<Month> Months { get; } = [];
    public int Replicates { get; }

    public void Write(MonthResult month)
    {
        Months.Add(month.Month);
        foreach (var a in month.Arrangements)
        {
            if (_councils.TryGetValue(a.Council, out var c)) c.Arranged(a);
        }
        foreach (var i in month.Inspections)
        {
            if (_councils.TryGetValue(i.Judgement.Area, out var c)) c.Judged(i);
        }
        var values = new Dictionary<(string, Metric), List<double>>();
        foreach (var m in _councilBands ? month.Metrics : MetricCollection.Empty)
        {
            if (!_councils.ContainsKey(m.Entity) || Array.IndexOf(Plotted, m.Metric) < 0) continue;
            if (!values.TryGetValue((m.Entity, m.Metric), out var list)) values[(m.Entity, m.Metric)] = list = [];
            list.Add(m.Value);
        }
        foreach (var c in _councils.Values)
        {
            foreach (var metric in _councilBands ? Plotted : [])
            {
                c.Add(metric, values.TryGetValue((c.Id, metric), out var list) ? Band.Of(list) : Band.Missing);
            }
            c.EndMonth();
        }
        RecordTallies();
    }

    /// <summary>
    /// Per month, across replicates: the share of councils whose judgement in force is inadequate,
    /// and good or better, among the councils judged so far (from <see cref="Tallies"/>).
    /// </summary>
    public IReadOnlyList<(Band Inadequate, Band GoodOrBetter)> National =>
    [
        .. Tallies.Select(ts => (
            Band.OfAll(ts.Select(t => Tally.ShareOf(t.Inadequate, t.Judged))),
            Band.OfAll(ts.Select(t => Tally.ShareOf(t.GoodOrBetter, t.Judged))))),
    ];

    /// <summary>Per month, for each replicate: how its councils stand (see <see cref="Tally"/>).</summary>
    public List<Tally[]> Tallies { get; } = [];

    private void RecordTallies()
    {
        var tallies = new Tally[Replicates];
        for (var r = 0; r < Replicates; r++)
        {
            int judged = 0, bad = 0, fine = 0, trusts = 0;
            foreach (var c in _councils.Values)
            {
                if (c.EverTrust(r)) trusts++;
                if (c.InForce(r) is not { } g) continue;
                judged++;
                if (g == Grade.Inadequate) bad++;
                else if (g >= Grade.Good) fine++;
            }
            tallies[r] = new Tally(judged, fine, bad, trusts);
        }
        Tallies.Add(tallies);
    }
}

/// <summary>
/// One replicate's councils in one month: how many have been judged, how many have a good or
/// better (or an inadequate) judgement in force, and how many have ever been moved to a trust.
/// </summary>
public readonly record struct Tally(int Judged, int GoodOrBetter, int Inadequate, int EverTrust)
{
    /// <summary>A count as a share of a whole, or NaN when the whole is empty.</summary>
    public static double ShareOf(int count, int whole) => whole == 0 ? double.NaN : count / (double)whole;
}

/// <summary>One council's side of a <see cref="RunSummary"/>.</summary>
public sealed class CouncilSummary(string id, string name, int replicates)
{
    private readonly Grade?[] _inForce = new Grade?[replicates];
    private readonly Arranged[] _arrangement = new Arranged[replicates];
    private readonly bool[] _everTrust = new bool[replicates];
    private readonly Dictionary<Metric, List<Band>> _bands = [];

    public string Id { get; } = id;
    public string Name { get; } = string.IsNullOrEmpty(name) ? id : name;

    /// <summary>Per month: share of replicates whose judgement in force is each grade (index by <see cref="Grade"/>), and not yet judged.</summary>
    public List<(double[] Shares, double Unjudged)> GradeShares { get; } = [];

    /// <summary>Per month: the arrangement most replicates are under, and whether a partner works with the council then.</summary>
    public List<Arranged> Arrangements { get; } = [];

    /// <summary>Every inspection of this council: replicate and judgement.</summary>
    public List<InspectionRecord> Inspections { get; } = [];

    public IReadOnlyList<Band> Bands(Metric metric) => _bands[metric];

    /// <summary>Whether the summary kept bands of this metric (not for a run too large for per-council figures).</summary>
    public bool HasBands(Metric metric) => _bands.ContainsKey(metric);

    /// <summary>The judgement in force in a replicate, if any yet.</summary>
    public Grade? InForce(int replicate) => _inForce[replicate];

    /// <summary>Whether a trust has ever taken over the service in a replicate, by now.</summary>
    public bool EverTrust(int replicate) => _everTrust[replicate];

    internal void Add(Metric metric, Band band)
    {
        if (!_bands.TryGetValue(metric, out var list)) _bands[metric] = list = [];
        list.Add(band);
    }

    internal void Judged(InspectionRecord i)
    {
        _inForce[i.Replicate] = i.Judgement.Overall;
        Inspections.Add(i);
    }

    /// <summary>From this month on, the arrangement in a replicate is the record's (arrangements.csv).</summary>
    internal void Arranged(ArrangementRecord a)
    {
        // The figures' strip shows a partner only beside a council-run service, as the shades allow.
        _arrangement[a.Replicate] = new Arranged(a.Arrangement, a.Partner.Length > 0 && !a.Arrangement.RunByTrust());
        if (a.Arrangement.RunByTrust()) _everTrust[a.Replicate] = true;
    }

    internal void EndMonth()
    {
        var grades = Enum.GetValues<Grade>();
        var shares = new double[grades.Max(g => (int)g) + 1];
        var unjudged = 0;
        var counts = new Dictionary<Arranged, int>();
        for (var r = 0; r < _inForce.Length; r++)
        {
            if (_inForce[r] is { } g) shares[(int)g]++;
            else unjudged++;
            counts[_arrangement[r]] = counts.GetValueOrDefault(_arrangement[r]) + 1;
        }
        for (var k = 0; k < shares.Length; k++) shares[k] /= _inForce.Length;
        GradeShares.Add((shares, unjudged / (double)_inForce.Length));
        // The most common shade (the council-run states share one, trusts have their own), shown by
        // its most common arrangement; ties go to the earlier arrangement, without a partner first.
        var byShade = counts.GroupBy(c => c.Key.Shade).Select(g => (Shade: g.Key, Count: g.Sum(c => c.Value), Members: g.ToList())).ToList();
        var mostShade = byShade.Max(g => g.Count);
        var shade = byShade.Where(g => g.Count == mostShade).MinBy(g => g.Members.Min(m => m.Key.Rank));
        var most = shade.Members.Max(c => c.Value);
        Arrangements.Add(shade.Members.Where(c => c.Value == most).Select(c => c.Key).MinBy(a => a.Rank));
    }
}

/// <summary>A council's arrangement in one replicate and month, and whether an improvement partner works with the council-run service.</summary>
public readonly record struct Arranged(Arrangement Arrangement, bool Partner)
{
    /// <summary>An order for breaking ties: by arrangement, then without a partner before with one.</summary>
    public int Rank => (int)Arrangement * 2 + (Partner ? 1 : 0);

    /// <summary>The strip's shade group: a trust's own, or council-run with or without a partner.</summary>
    public int Shade => Arrangement.RunByTrust() ? 10 + (int)Arrangement : Partner ? 1 : 0;
}
