using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Service;

public static class ServiceFactory
{
    /// <summary>A council's service as the run starts, from the scenario's initial conditions.</summary>
    public static ServiceState Initial(CouncilSetup c, Month start) => Initial(c, start, 0, null);

    /// <summary>
    /// A council's service as the run starts, its practice quality, culture and leadership moved
    /// together by <paramref name="spread"/> times one standard normal draw (the replicate's
    /// uncertainty about where the council stood; parameter <c>practice.initial_spread</c>). The
    /// same draw is the area's persistent local conditions (<see cref="ServiceState.LocalConditions"/>):
    /// a council that starts low for reasons the scenario does not record keeps those reasons.
    /// </summary>
    public static ServiceState Initial(CouncilSetup c, Month start, double spread, Func<Randomness.CounterRandom>? random)
    {
        if (spread > 0 && random is not null)
        {
            var z = Randomness.Draw.Normal(random(), 0, 1);
            var shift = spread * z;
            c = c with
            {
                PracticeQuality = Math.Clamp(c.PracticeQuality + shift, 0.02, 0.98),
                Culture = Math.Clamp(c.Culture + shift, 0.02, 0.98),
                LeadershipQuality = Math.Clamp(c.LeadershipQuality + shift, 0.02, 0.98),
            };
            return Exact(c, start) with { LocalConditions = z };
        }
        return Exact(c, start);
    }

    private static ServiceState Exact(CouncilSetup c, Month start) => new(
        Area: c.Id,
        Origin: start,
        Children: c.Children,
        ReferralRate: c.ReferralRate,
        Cases: new CaseStocks(Count(c.ChildrenInNeed), Count(c.ChildProtectionPlans), Count(c.ChildrenInCare)),
        Workforce: new WorkforceState(c.Establishment, Count(c.SocialWorkers), Count(c.AgencyWorkers), c.MeanTenureYears, 0, 0),
        Practice: new PracticeState(c.PracticeQuality, c.Culture, c.RecordsAccuracy, 0),
        Leadership: new LeadershipState(c.LeadershipQuality, Count(c.DirectorMonthsInPost)),
        Finance: new FinanceState(0, 0, 0, 0, 0, 0),
        Disruption: 0,
        Reputation: c.Reputation,
        LastGrade: null,
        Shocks: [],
        Referrals: 0);

    private static int Count(double x) => (int)Math.Round(x, MidpointRounding.AwayFromZero);
}
