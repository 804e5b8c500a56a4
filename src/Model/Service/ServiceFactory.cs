using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Service;

public static class ServiceFactory
{
    /// <summary>A council's service as the run starts, from the scenario's initial conditions.</summary>
    public static ServiceState Initial(CouncilSetup c, Month start) => new(
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
