using Simulation.Model.Service;

namespace Simulation.Model.World.Actors;

/// <summary>
/// A regional labour market. Each month it reads the reports of the services of its councils and
/// moves people between them. A share of each council's social workers in post, and a larger
/// share of its agency staff, look for a move: more when their council is less attractive than
/// the region's average (higher caseloads, a worse reputation, a smaller market supplement). Social
/// workers go where there are vacancies, agency staff where agency cover is short of target, both
/// weighted by attractiveness. It also tells each service the region's vacancy rate, which a market
/// supplement competes against. The exchange is resolved deterministically (whole people, largest
/// remainders, ties by council id), so one council's failure drains, and feeds, its neighbours.
/// </summary>
public sealed class RegionActor(Address address, WorldSetup world, int replicate) : Actor(address, world, replicate)
{
    public override PhaseSet Wakes => PhaseSet.None;

    private readonly List<ServiceReported> _reports = [];
    private readonly List<ServiceReport> _services = [];
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int> _areaIndex = world.AreaIndexes();

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
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
        var moves = Exchange(_services, P.Workforce);
        for (var i = 0; i < _reports.Count; i++)
        {
            var area = _areaIndex[_reports[i].Report.Area];
            Record(area, Metric.NetTransfers, moves.NetInPost[i]);
            Record(area, Metric.NetAgencyTransfers, moves.NetAgency[i]);
            Send(_reports[i].Provider, new StaffMoved(moves.NetInPost[i], moves.NetAgency[i], moves.MeanVacancyRate));
        }
    }

    /// <summary>
    /// The month's moves between the services of one region: net social workers in post and net
    /// agency staff gained per service (in the order given), how many of each moved, and the
    /// region's mean vacancy rate.
    /// </summary>
    public sealed record Moves(int[] NetInPost, int[] NetAgency, int Moved, int AgencyMoved, double MeanVacancyRate);

    public static Moves Exchange(IReadOnlyList<ServiceReport> services, Parameters.WorkforceParameters p)
    {
        // Plain loops (this runs for every region, replicate and month); sums run in service order.
        var n = services.Count;
        double caseloadSum = 0, reputationSum = 0, premiumSum = 0, vacancySum = 0;
        for (var i = 0; i < n; i++)
        {
            caseloadSum += services[i].Caseload;
            reputationSum += services[i].Reputation;
            premiumSum += services[i].Workforce.PayPremium;
            vacancySum += services[i].Workforce.VacancyRate;
        }
        var meanCaseload = caseloadSum / n;
        var meanReputation = reputationSum / n;
        var meanPremium = premiumSum / n;
        var attractiveness = new double[n];
        var inPost = new int[n];
        var vacancies = new int[n];
        var agency = new int[n];
        var agencyShort = new int[n];
        for (var i = 0; i < n; i++)
        {
            var s = services[i];
            attractiveness[i] = p.MobilityCaseloadWeight * (meanCaseload > 0 ? (meanCaseload - s.Caseload) / meanCaseload : 0)
                + p.MobilityReputationWeight * (s.Reputation - meanReputation)
                + p.MobilityPayWeight * (s.Workforce.PayPremium - meanPremium);
            inPost[i] = s.Workforce.InPost;
            vacancies[i] = (int)Math.Floor(s.Workforce.Vacancies);
            agency[i] = s.Workforce.Agency;
            var target = Service.WorkforceStep.AgencyTarget(s.Workforce.Establishment, s.Workforce.InPost, s.Cases.Total, p);
            agencyShort[i] = (int)Math.Floor(Math.Max(0, target - s.Workforce.Agency));
        }
        var (netInPost, moved) = Move(attractiveness, inPost, p.RegionalMobility, vacancies);
        var (netAgency, agencyMoved) = Move(attractiveness, agency, p.AgencyMobility, agencyShort);
        return new Moves(netInPost, netAgency, moved, agencyMoved, vacancySum / n);
    }

    /// <summary>
    /// One kind of worker moving within the region: at each service <paramref name="share"/> of
    /// those present look for a move (twice that at the least attractive, none at the most); they
    /// go where there is room, weighted by room times the exponential of attractiveness, never
    /// beyond a service's room; those who find none stay. Net gain per service and the number moved.
    /// </summary>
    private static (int[] Net, int Moved) Move(double[] attractiveness, int[] present, double share, int[] room)
    {
        var n = present.Length;
        var leaving = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            leaving[i] = share * present[i] * 2 / (1 + Math.Exp(attractiveness[i]));
            weights[i] = room[i] * Math.Exp(attractiveness[i]);
        }
        var outflow = Whole(leaving, present);
        var pool = Sum(outflow);
        var total = 0.0;
        for (var i = 0; i < n; i++) total += weights[i];

        var inflow = new int[n];
        if (pool > 0 && total > 0)
        {
            var placed = Math.Min(pool, Sum(room));
            var shares = new double[n];
            for (var i = 0; i < n; i++) shares[i] = placed * weights[i] / total;
            inflow = Whole(shares, room);
            // Those who found no room stay where they are.
            var unplaced = pool - Sum(inflow);
            if (unplaced > 0)
            {
                for (var i = 0; i < n; i++) shares[i] = unplaced * (double)outflow[i] / pool;
                var back = Whole(shares, outflow);
                for (var i = 0; i < n; i++) outflow[i] -= back[i];
            }
        }
        else
        {
            Array.Clear(outflow);
        }
        var net = new int[n];
        for (var i = 0; i < n; i++) net[i] = inflow[i] - outflow[i];
        return (net, Sum(inflow));
    }

    private static int Sum(int[] xs)
    {
        var total = 0;
        foreach (var x in xs) total += x;
        return total;
    }

    /// <summary>
    /// Rounds shares to whole people by largest remainders (ties to the earlier service), never
    /// above each cap, keeping the rounded total.
    /// </summary>
    private static int[] Whole(double[] shares, int[] caps)
    {
        var n = shares.Length;
        var whole = new int[n];
        var shareSum = 0.0;
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            whole[i] = Math.Min(caps[i], (int)Math.Floor(shares[i]));
            shareSum += shares[i];
            order[i] = i;
        }
        var target = Math.Min((int)Math.Round(shareSum), Sum(caps));
        Array.Sort(order, (a, b) =>
        {
            var c = (shares[b] - Math.Floor(shares[b])).CompareTo(shares[a] - Math.Floor(shares[a]));
            return c != 0 ? c : a.CompareTo(b);
        });
        var have = Sum(whole);
        for (var k = 0; have < target && k < n * 2; k++)
        {
            var i = order[k % n];
            if (whole[i] < caps[i])
            {
                whole[i]++;
                have++;
            }
        }
        return whole;
    }
}
