using Simulation.Model.Engine;
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

    private readonly IReadOnlyDictionary<string, int> _areaIndex = world.AreaIndexes();

    public override ActorSnapshot Save() => new RegionState();

    public override void Restore(ActorSnapshot snapshot) => Expect<RegionState>(snapshot);

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        // Working space of this thread: a region actor exists per replicate, and lists of its own
        // would keep last month's reports alive for a month.
        var scratch = PerThread.Get<Scratch>();
        var reports = scratch.Reports;
        var slots = scratch.Slots;
        reports.Clear();
        slots.Clear();
        try
        {
            // The latest report of each area, by area id (a service reports once a month; a
            // handover month could bring two).
            foreach (var envelope in inbox)
            {
                if (envelope.Message is not ServiceReported r) continue;
                if (slots.TryGetValue(r.Report.Area, out var at)) reports[at] = r;
                else
                {
                    slots[r.Report.Area] = reports.Count;
                    reports.Add(r);
                }
            }
            if (reports.Count >= 2) MoveStaff(scratch);
        }
        finally
        {
            reports.Clear();
            scratch.Services.Clear();
        }
    }

    private void MoveStaff(Scratch scratch)
    {
        var reports = scratch.Reports;
        reports.Sort(static (a, b) => string.CompareOrdinal(a.Report.Area, b.Report.Area));
        foreach (var r in reports) scratch.Services.Add(r.Report);
        var (_, _, vacancy) = Exchange(scratch.Services, P.Workforce, scratch);
        for (var i = 0; i < reports.Count; i++)
        {
            var area = _areaIndex[reports[i].Report.Area];
            Record(area, Metric.NetTransfers, scratch.NetInPost[i]);
            Record(area, Metric.NetAgencyTransfers, scratch.NetAgency[i]);
            Send(reports[i].Provider, new StaffMoved(reports[i].Report.Area, scratch.NetInPost[i], scratch.NetAgency[i], vacancy));
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
        var scratch = new Scratch();
        var (moved, agencyMoved, vacancy) = Exchange(services, p, scratch);
        var n = services.Count;
        return new Moves(scratch.NetInPost[..n], scratch.NetAgency[..n], moved, agencyMoved, vacancy);
    }

    /// <summary>
    /// Working arrays for <see cref="Exchange(IReadOnlyList{ServiceReport}, Parameters.WorkforceParameters, Scratch)"/>,
    /// one per thread: the exchange runs for every region, replicate and month, and a dozen small
    /// arrays each time were a fifth of a national run's allocation. Also the lists a step reads
    /// its mail into, emptied when it ends.
    /// </summary>
    private sealed class Scratch
    {
        public readonly List<ServiceReported> Reports = [];
        public readonly List<ServiceReport> Services = [];
        public readonly Dictionary<string, int> Slots = new(StringComparer.Ordinal);

        public double[] Attractiveness = [], Leaving = [], Weights = [], Shares = [];
        public int[] InPost = [], Vacancies = [], Agency = [], AgencyShort = [], Outflow = [], Inflow = [], Back = [], Order = [];
        public int[] NetInPost = [], NetAgency = [];

        public void Ensure(int n)
        {
            if (Attractiveness.Length >= n) return;
            Attractiveness = new double[n];
            Leaving = new double[n];
            Weights = new double[n];
            Shares = new double[n];
            InPost = new int[n];
            Vacancies = new int[n];
            Agency = new int[n];
            AgencyShort = new int[n];
            Outflow = new int[n];
            Inflow = new int[n];
            Back = new int[n];
            Order = new int[n];
            NetInPost = new int[n];
            NetAgency = new int[n];
        }
    }


    /// <summary>The exchange into <paramref name="scratch"/>'s net arrays; returns how many of each kind moved and the mean vacancy rate.</summary>
    private static (int Moved, int AgencyMoved, double MeanVacancyRate) Exchange(
        IReadOnlyList<ServiceReport> services, Parameters.WorkforceParameters p, Scratch scratch)
    {
        // Plain loops (this runs for every region, replicate and month); sums run in service order.
        var n = services.Count;
        scratch.Ensure(n);
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
        var attractiveness = scratch.Attractiveness.AsSpan(0, n);
        var inPost = scratch.InPost.AsSpan(0, n);
        var vacancies = scratch.Vacancies.AsSpan(0, n);
        var agency = scratch.Agency.AsSpan(0, n);
        var agencyShort = scratch.AgencyShort.AsSpan(0, n);
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
        var moved = Move(attractiveness, inPost, p.RegionalMobility, vacancies, scratch, scratch.NetInPost.AsSpan(0, n));
        var agencyMoved = Move(attractiveness, agency, p.AgencyMobility, agencyShort, scratch, scratch.NetAgency.AsSpan(0, n));
        return (moved, agencyMoved, vacancySum / n);
    }

    /// <summary>
    /// One kind of worker moving within the region: at each service <paramref name="share"/> of
    /// those present look for a move (twice that at the least attractive, none at the most); they
    /// go where there is room, weighted by room times the exponential of attractiveness, never
    /// beyond a service's room; those who find none stay. Writes the net gain per service into
    /// <paramref name="net"/>; returns the number moved.
    /// </summary>
    private static int Move(ReadOnlySpan<double> attractiveness, ReadOnlySpan<int> present, double share, ReadOnlySpan<int> room,
        Scratch scratch, Span<int> net)
    {
        var n = present.Length;
        var leaving = scratch.Leaving.AsSpan(0, n);
        var weights = scratch.Weights.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            leaving[i] = share * present[i] * 2 / (1 + Math.Exp(attractiveness[i]));
            weights[i] = room[i] * Math.Exp(attractiveness[i]);
        }
        var outflow = scratch.Outflow.AsSpan(0, n);
        Whole(leaving, present, outflow, scratch.Order);
        var pool = Sum(outflow);
        var total = 0.0;
        for (var i = 0; i < n; i++) total += weights[i];

        var inflow = scratch.Inflow.AsSpan(0, n);
        inflow.Clear();
        if (pool > 0 && total > 0)
        {
            var placed = Math.Min(pool, Sum(room));
            var shares = scratch.Shares.AsSpan(0, n);
            for (var i = 0; i < n; i++) shares[i] = placed * weights[i] / total;
            Whole(shares, room, inflow, scratch.Order);
            // Those who found no room stay where they are.
            var unplaced = pool - Sum(inflow);
            if (unplaced > 0)
            {
                for (var i = 0; i < n; i++) shares[i] = unplaced * (double)outflow[i] / pool;
                var back = scratch.Back.AsSpan(0, n);
                Whole(shares, outflow, back, scratch.Order);
                for (var i = 0; i < n; i++) outflow[i] -= back[i];
            }
        }
        else
        {
            outflow.Clear();
        }
        for (var i = 0; i < n; i++) net[i] = inflow[i] - outflow[i];
        return Sum(inflow);
    }

    private static int Sum(ReadOnlySpan<int> xs)
    {
        var total = 0;
        foreach (var x in xs) total += x;
        return total;
    }

    /// <summary>
    /// Rounds shares to whole people by largest remainders (ties to the earlier service), never
    /// above each cap, keeping the rounded total. Writes into <paramref name="whole"/>.
    /// </summary>
    private static void Whole(ReadOnlySpan<double> shares, ReadOnlySpan<int> caps, Span<int> whole, int[] orderBuffer)
    {
        var n = shares.Length;
        var shareSum = 0.0;
        var order = orderBuffer.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            whole[i] = Math.Min(caps[i], (int)Math.Floor(shares[i]));
            shareSum += shares[i];
        }
        var target = Math.Min((int)Math.Round(shareSum), Sum(caps));
        // Largest remainder first, ties to the earlier service: a total order, so an insertion
        // sort (a region has a few dozen councils at most) gives the one possible result.
        for (var i = 0; i < n; i++)
        {
            var remainder = shares[i] - Math.Floor(shares[i]);
            var k = i;
            while (k > 0 && shares[order[k - 1]] - Math.Floor(shares[order[k - 1]]) < remainder)
            {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = i;
        }
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
    }
}
