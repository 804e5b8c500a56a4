using Simulation.Model.Service;

namespace Simulation.Model.World.Actors;

/// <summary>
/// A regional labour market. Each month it reads the reports of the services of its councils and
/// moves social workers between them: a share of each council's staff in post look for a move,
/// more when their council is less attractive than the region's average (higher caseloads, a
/// worse reputation), and go where vacancies are, weighted by attractiveness. The exchange is
/// resolved deterministically (whole people, largest remainders, ties by council id), so one
/// council's failure drains, and feeds, its neighbours.
/// </summary>
public sealed class RegionActor(Address address, WorldSetup world, int replicate) : Actor(address, world, replicate)
{
    public override PhaseSet Wakes => PhaseSet.None;

    private readonly List<ServiceReported> _reports = [];
    private readonly List<ServiceReport> _services = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    protected override void OnPhase(Phase phase, IReadOnlyList<Envelope> inbox)
    {
        // The latest report of each area, by area id (a service reports once a month; a handover
        // month could bring two).
        _reports.Clear();
        _slots.Clear();
        foreach (var envelope in inbox)
        {
            if (envelope.Message is not ServiceReported r) continue;
            if (_slots.TryGetValue(r.Report.Area, out var at)) _reports[at] = r;
            else
            {
                _slots[r.Report.Area] = _reports.Count;
                _reports.Add(r);
            }
        }
        if (_reports.Count < 2) return;
        _reports.Sort(static (a, b) => string.CompareOrdinal(a.Report.Area, b.Report.Area));
        _services.Clear();
        foreach (var r in _reports) _services.Add(r.Report);
        var (net, _) = Exchange(_services, P.Workforce);
        for (var i = 0; i < _reports.Count; i++)
        {
            Record(Setup.AreaIndex(_reports[i].Report.Area), Metric.NetTransfers, net[i]);
            if (net[i] != 0) Send(_reports[i].Provider, new StaffMoved(net[i]));
        }
    }

    /// <summary>
    /// The month's moves between the services of one region: net gain per service (in the order
    /// given) and the number who moved.
    /// </summary>
    public static (int[] Net, int Moved) Exchange(IReadOnlyList<ServiceReport> services, Parameters.WorkforceParameters p)
    {
        var n = services.Count;
        var meanCaseload = services.Average(s => s.Caseload);
        var meanReputation = services.Average(s => s.Reputation);
        var attractiveness = services.Select(s =>
            p.MobilityCaseloadWeight * (meanCaseload > 0 ? (meanCaseload - s.Caseload) / meanCaseload : 0)
            + p.MobilityReputationWeight * (s.Reputation - meanReputation)).ToArray();

        // Who looks for a move: twice the base share at the least attractive, none at the most.
        var leaving = services.Select((s, i) => p.RegionalMobility * s.Workforce.InPost * 2 / (1 + Math.Exp(attractiveness[i]))).ToArray();
        var outflow = Whole(leaving, services.Select(s => s.Workforce.InPost).ToArray());
        var pool = outflow.Sum();

        // Where they go: vacancies weighted by attractiveness, never more than a service's vacancies.
        var room = services.Select(s => (int)Math.Floor(s.Workforce.Vacancies)).ToArray();
        var weights = room.Select((v, i) => v * Math.Exp(attractiveness[i])).ToArray();
        var total = weights.Sum();
        var inflow = new int[n];
        if (pool > 0 && total > 0)
        {
            var placed = Math.Min(pool, room.Sum());
            inflow = Whole(weights.Select(w => placed * w / total).ToArray(), room);
            // Those who found no vacancy stay where they are.
            var unplaced = pool - inflow.Sum();
            if (unplaced > 0)
            {
                var back = Whole(outflow.Select(o => unplaced * (double)o / pool).ToArray(), outflow);
                for (var i = 0; i < n; i++) outflow[i] -= back[i];
            }
        }
        else
        {
            Array.Clear(outflow);
        }
        var net = new int[n];
        for (var i = 0; i < n; i++) net[i] = inflow[i] - outflow[i];
        return (net, inflow.Sum());
    }

    /// <summary>
    /// Rounds shares to whole people by largest remainders (ties to the earlier service), never
    /// above each cap, keeping the rounded total.
    /// </summary>
    private static int[] Whole(double[] shares, int[] caps)
    {
        var whole = shares.Select((x, i) => Math.Min(caps[i], (int)Math.Floor(x))).ToArray();
        var target = Math.Min((int)Math.Round(shares.Sum()), caps.Sum());
        var order = Enumerable.Range(0, shares.Length)
            .OrderByDescending(i => shares[i] - Math.Floor(shares[i])).ThenBy(i => i).ToList();
        for (var k = 0; whole.Sum() < target && k < order.Count * 2; k++)
        {
            var i = order[k % order.Count];
            if (whole[i] < caps[i]) whole[i]++;
        }
        return whole;
    }
}
