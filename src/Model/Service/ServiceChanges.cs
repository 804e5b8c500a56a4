using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Randomness;

namespace Simulation.Model.Service;

/// <summary>Discrete changes to a service between monthly steps: people, shocks, judgements and handovers.</summary>
public static class ServiceChanges
{
    public static ServiceState DirectorAppointed(ServiceState s, double? quality, ModelParameters p, CounterRandom rng) => s with
    {
        Leadership = LeadershipStep.Appoint(s.Leadership, quality, p.Leadership, rng),
        Disruption = Math.Min(1, s.Disruption + p.Governance.DirectorChangeDisruption),
    };

    public static ServiceState ItFailure(ServiceState s, double severity, ModelParameters p) => s with
    {
        Practice = PracticeStep.ItFailure(s.Practice, severity, p.Practice),
    };

    public static ServiceState Shock(ServiceState s, DemandShock shock) => s with { Shocks = s.Shocks.Add(shock) };

    public static ServiceState LabourMarket(ServiceState s, LabourMarketShift shift) => s with { LabourMarket = s.LabourMarket.Add(shift) };

    /// <summary>Social workers and agency staff who moved in from (or out to) other councils of the region, and the region's vacancy rate.</summary>
    public static ServiceState StaffMoved(ServiceState s, int net, int netAgency, double regionalVacancyRate) => s with
    {
        Workforce = s.Workforce with
        {
            InPost = Math.Max(0, s.Workforce.InPost + net),
            Agency = Math.Max(0, s.Workforce.Agency + netAgency),
        },
        RegionalVacancyRate = regionalVacancyRate,
    };

    public static ServiceState Judged(ServiceState s, Grade grade) => s with { LastGrade = grade };

    public static ServiceState Disrupt(ServiceState s, double amount) => s with
    {
        Disruption = Math.Clamp(s.Disruption + amount, 0, 1),
    };

    /// <summary>
    /// A trust takes over. Staff move employer (fewer leave if seconded); the restructure disrupts;
    /// and the clean break moves culture and reputation part of the way back to neutral.
    /// </summary>
    /// <remarks>
    /// A service that joins a trust already running others (<paramref name="joining"/>: that
    /// trust's leadership quality and culture) comes under its leadership, and its culture moves
    /// <c>clean_break_culture</c> of the way towards the trust's rather than towards
    /// <c>clean_break_culture_level</c>.
    /// </remarks>
    public static ServiceState StartUnderTrust(
        ServiceState s, bool seconded, double setupCost, double setupFunding, ModelParameters p, CounterRandom rng,
        (double Leadership, double Culture)? joining = null)
    {
        var g = p.Governance;
        var months = Math.Max(1, (int)Math.Round(p.Finance.TrustSetupMonths));
        if (joining is { } trust)
        {
            // Joining a trust's leadership ends any interim cover of the council's own.
            s = s with { Leadership = s.Leadership with { Quality = trust.Leadership, InterimMonthsLeft = 0 } };
        }
        return s with
        {
            OneOffCosts = setupCost > 0
                ? s.OneOffCosts.Add(new OneOffCost("trust set-up", setupCost / months, Math.Min(setupFunding, setupCost) / months, months))
                : s.OneOffCosts,
            Workforce = WorkforceStep.Transfer(s.Workforce, seconded, g, rng),
            Practice = PracticeStep.CleanBreak(s.Practice, g.CleanBreakCulture, joining?.Culture ?? g.CleanBreakCultureLevel),
            Reputation = s.Reputation + (g.CleanBreakReputationLevel - s.Reputation) * g.CleanBreakReputation,
            Disruption = Math.Clamp(s.Disruption + g.TrustTransferDisruption, 0, 1),
        };
    }

    /// <summary>The service returns to the council: staff transfer back (posts and terms kept) and the change disrupts.</summary>
    public static ServiceState ReturnInHouse(ServiceState s, ModelParameters p) => s with
    {
        Disruption = Math.Clamp(s.Disruption + p.Governance.ReturnDisruption, 0, 1),
    };
}
