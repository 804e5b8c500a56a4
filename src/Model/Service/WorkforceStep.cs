using Simulation.Model.Parameters;
using Simulation.Model.Randomness;

namespace Simulation.Model.Service;

/// <summary>What the workforce responds to in a month, besides its own caseload.</summary>
public readonly record struct WorkforcePressures(
    double EffectiveCaseload,
    double Reputation,
    double Instability,
    double Disruption,
    double RecruitmentBoost,
    bool RecruitmentFrozen,
    double LabourMarket = 1,
    double PayPremium = 0);

/// <summary>
/// Workforce: leavers rise with caseload stress, poor reputation, unstable leadership and
/// disruption (loop R1); starters depend on reputation, caseloads and the labour market (loop R2);
/// agency workers cover vacancies and extra demand.
/// </summary>
public static class WorkforceStep
{
    /// <summary>Monthly chance that a social worker in post leaves.</summary>
    public static double LeavingHazard(in WorkforcePressures x, WorkforceParameters p)
    {
        var excess = Math.Max(0, x.EffectiveCaseload / p.CaseloadNorm - 1);
        var badReputation = Math.Max(0, 0.5 - x.Reputation) * 2;
        var hazard = p.BaseTurnover / 12
            * (1 + p.StressTurnover * excess)
            * (1 + p.ReputationTurnover * badReputation)
            * (1 + p.InstabilityTurnover * x.Instability)
            * (1 + p.DisruptionTurnover * x.Disruption);
        return Math.Min(hazard, 0.5);
    }

    /// <summary>
    /// Recruitment attractiveness relative to a neutral service: piecewise linear in reputation
    /// from the worst to the best multiplier, lowered by high caseloads, raised by a partner's push
    /// and by a market supplement.
    /// </summary>
    public static double Attractiveness(in WorkforcePressures x, WorkforceParameters p, double freezeRecruitment)
    {
        var r = Math.Clamp(x.Reputation, 0, 1);
        var byReputation = r < 0.5
            ? p.RecruitmentAtWorstReputation + (1 - p.RecruitmentAtWorstReputation) * r / 0.5
            : 1 + (p.RecruitmentAtBestReputation - 1) * (r - 0.5) / 0.5;
        var excess = Math.Max(0, x.EffectiveCaseload / p.CaseloadNorm - 1);
        return byReputation
            * Math.Exp(-p.CaseloadDeterrence * excess)
            * (1 + x.RecruitmentBoost)
            * (x.RecruitmentFrozen ? freezeRecruitment : 1)
            * x.LabourMarket
            * (1 + p.PremiumRecruitment * x.PayPremium);
    }

    /// <summary>Agency workers a provider aims for: cover for vacancies plus part of any demand beyond its posts.</summary>
    public static double AgencyTarget(double establishment, int inPost, int openCases, WorkforceParameters p)
    {
        var vacancies = Math.Max(0, establishment - inPost);
        var cover = p.AgencyCover * vacancies;
        var shortfall = Math.Max(0, openCases / p.CaseloadNorm - (inPost + cover));
        return cover + p.AgencySurge * shortfall;
    }

    public static WorkforceState Advance(
        WorkforceState w, int openCases, in WorkforcePressures x, WorkforceParameters p,
        double freezeRecruitment, CounterRandom rng)
    {
        var leavers = Draw.Binomial(rng, w.InPost, LeavingHazard(x, p));
        var stayed = w.InPost - leavers;
        var vacancies = Math.Max(0, (int)Math.Round(w.Establishment) - stayed);
        var starters = Math.Min(vacancies, Draw.Poisson(rng, vacancies * p.FillRate * Attractiveness(x, p, freezeRecruitment)));
        var inPost = stayed + starters;

        var target = AgencyTarget(w.Establishment, inPost, openCases, p);
        var agency = Math.Max(0, w.Agency + (int)Math.Round(p.AgencyAdjustment * (target - w.Agency), MidpointRounding.AwayFromZero));

        var tenure = inPost > 0
            ? (stayed * (w.MeanTenureYears + 1.0 / 12) + starters * p.StarterTenure) / inPost
            : p.StarterTenure;

        return new WorkforceState(w.Establishment, inPost, agency, tenure, leavers, starters, w.PayPremium);
    }

    /// <summary>
    /// The market supplement for the month. A council whose vacancy rate is above its regional
    /// market's mean aims for a supplement in proportion to the gap (capped), and moves part of the
    /// way there each month; one outside a market has no neighbour to outbid and lets any
    /// supplement lapse; one frozen by overspending holds what it pays.
    /// </summary>
    public static double PayPremium(double premium, double vacancyRate, double? regionalVacancyRate, bool frozen, WorkforceParameters p)
    {
        if (frozen) return premium;
        var target = regionalVacancyRate is { } mean
            ? Math.Min(p.MaxPayPremium, p.PremiumPerVacancyGap * Math.Max(0, vacancyRate - mean))
            : 0;
        return premium + p.PremiumAdjustment * (target - premium);
    }

    /// <summary>
    /// Posts set at budget-setting each April: the service moves part of the way towards the
    /// posts its caseload needs at the norm, but no further than the budget can pay for.
    /// </summary>
    public static double PlanEstablishment(
        double establishment, int openCases, double affordablePosts, WorkforceParameters p)
    {
        var needed = openCases / p.CaseloadNorm;
        var goal = Math.Min(needed, Math.Max(0, affordablePosts));
        return Math.Max(1, establishment + p.EstablishmentAdjustment * (goal - establishment));
    }

    /// <summary>
    /// Moves staff to a new employer: a full transfer loses <see cref="GovernanceParameters.TransferLeavers"/>
    /// of staff at once; a secondment only a fraction of that.
    /// </summary>
    public static WorkforceState Transfer(WorkforceState w, bool seconded, GovernanceParameters g, CounterRandom rng)
    {
        var share = g.TransferLeavers * (seconded ? g.SecondmentLeaverFactor : 1);
        var leavers = Draw.Binomial(rng, w.InPost, share);
        return w with { InPost = w.InPost - leavers, Leavers = w.Leavers + leavers };
    }
}
