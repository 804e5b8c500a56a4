using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.Service;

/// <summary>How strongly national shocks push each kind of demand this month (1 = no shock).</summary>
public readonly record struct DemandMultipliers(double Referrals, double Protection, double Care)
{
    public static DemandMultipliers None => new(1, 1, 1);

    public static DemandMultipliers At(System.Collections.Immutable.ImmutableArray<DemandShock> shocks, Month month)
    {
        double r = 1, p = 1, c = 1;
        foreach (var s in shocks)
        {
            var k = s.Progress(month);
            r *= 1 + (s.Referrals - 1) * k;
            p *= 1 + (s.Protection - 1) * k;
            c *= 1 + (s.Care - 1) * k;
        }
        return new DemandMultipliers(r, p, c);
    }

    /// <summary>These multipliers with a local surge's extra share of referrals and of escalations to protection.</summary>
    public DemandMultipliers WithSurge(double surge) =>
        surge > 0 ? this with { Referrals = Referrals * (1 + surge), Protection = Protection * (1 + surge) } : this;
}

/// <summary>Expected monthly flows between the case stocks; <see cref="DemandStep.Advance"/> samples around them.</summary>
public readonly record struct DemandFlows(
    double Referrals,
    double Opened,
    double Closed,
    double Escalated,
    double SteppedDown,
    double ProtectionToCare,
    double DirectToCare,
    double LeftCare);

/// <summary>
/// Demand: referrals arrive from the child population, some open child-in-need cases, some of those
/// move onto protection plans and into care. Poor practice slows closures and step-downs
/// ("drift and delay"), which is one way failure feeds back into caseloads.
/// </summary>
public static class DemandStep
{
    /// <summary>Closure speed relative to good practice: 1 at quality 1, 1 − drift at quality 0.</summary>
    public static double DriftFactor(double practiceQuality, DemandParameters p) =>
        1 - p.DriftStrength * (1 - Math.Clamp(practiceQuality, 0, 1));

    public static DemandFlows Expected(
        CaseStocks cases, double children, double referralRate, double practiceQuality,
        DemandMultipliers m, DemandParameters p)
    {
        var drift = DriftFactor(practiceQuality, p);
        var referrals = children / 10_000 * referralRate / 12 * m.Referrals;
        var closed = cases.ChildrenInNeed * p.CinClosureRate * drift;
        return new DemandFlows(
            Referrals: referrals,
            Opened: referrals * p.ReferralConversion,
            Closed: closed,
            Escalated: (cases.ChildrenInNeed - closed) * Math.Min(1, p.ProtectionEscalationRate * m.Protection),
            SteppedDown: cases.ChildProtection * p.ProtectionExitRate * drift,
            ProtectionToCare: cases.ChildProtection * (1 - p.ProtectionExitRate * drift) * Math.Min(1, p.ProtectionToCareRate * m.Care),
            DirectToCare: children / 10_000 * p.CareEntryRate / 12 * m.Care,
            LeftCare: cases.InCare * p.CareExitRate);
    }

    /// <summary>One month of demand: the new stocks and the number of referrals received.</summary>
    public static (CaseStocks Cases, int Referrals) Advance(
        CaseStocks cases, double children, double referralRate, double practiceQuality,
        DemandMultipliers m, DemandParameters p, CounterRandom rng)
    {
        var drift = DriftFactor(practiceQuality, p);
        var referrals = Draw.Poisson(rng, children / 10_000 * referralRate / 12 * m.Referrals);
        var opened = Draw.Binomial(rng, referrals, p.ReferralConversion);

        var closed = Draw.Binomial(rng, cases.ChildrenInNeed, p.CinClosureRate * drift);
        var escalated = Draw.Binomial(rng, cases.ChildrenInNeed - closed, Math.Min(1, p.ProtectionEscalationRate * m.Protection));

        var steppedDown = Draw.Binomial(rng, cases.ChildProtection, p.ProtectionExitRate * drift);
        var toCare = Draw.Binomial(rng, cases.ChildProtection - steppedDown, Math.Min(1, p.ProtectionToCareRate * m.Care));

        var directToCare = Draw.Poisson(rng, children / 10_000 * p.CareEntryRate / 12 * m.Care);
        var leftCare = Draw.Binomial(rng, cases.InCare, p.CareExitRate);

        var next = new CaseStocks(
            ChildrenInNeed: cases.ChildrenInNeed + opened - closed - escalated + steppedDown,
            ChildProtection: cases.ChildProtection + escalated - steppedDown - toCare,
            InCare: cases.InCare + toCare + directToCare - leftCare);
        return (next, referrals);
    }
}
