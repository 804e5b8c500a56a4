using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.Service;

/// <summary>The result of one month of a service: its new state, its report, and what happened.</summary>
public readonly record struct ServiceOutcome(ServiceState State, ServiceReport Report, bool DirectorLeft);

/// <summary>
/// One month of the children's social care service, composed from the mechanism steps in the
/// order docs/ODD.md gives: leadership changes, demand, posts (April), workforce, practice,
/// money, leadership learning, then disruption and reputation.
/// </summary>
public static class ServiceStep
{
    public static ServiceOutcome Advance(
        ServiceState s, ServiceConditions c, Month month, ModelParameters p, Func<RandomStream, CounterRandom> random)
    {
        // Directors leave at random, more often after an inadequate judgement; an interim may
        // cover the post before a permanent director is appointed.
        var leadership = s.Leadership;
        var disruption = s.Disruption;
        var directorLeft = false;
        if (leadership.InterimMonthsLeft > 0)
        {
            leadership = leadership.InterimMonthsLeft == 1
                ? LeadershipStep.Appoint(leadership, null, p.Leadership, random(RandomStream.Leadership))
                : leadership with { InterimMonthsLeft = leadership.InterimMonthsLeft - 1 };
        }
        else
        {
            directorLeft = LeadershipStep.DirectorLeaves(s.LastGrade, p.Leadership, random(RandomStream.Leadership));
            if (directorLeft)
            {
                leadership = LeadershipStep.Leave(leadership, p.Leadership, random(RandomStream.Leadership));
                disruption = Math.Min(1, disruption + p.Governance.DirectorChangeDisruption);
            }
        }
        var lead = LeadershipStep.Effective(leadership, disruption, c.LeadershipSupport, p.Leadership);

        // A local surge in demand may start; one in force decays.
        var surge = s.Surge;
        if (p.Demand.SurgeRate > 0)
        {
            var rng = random(RandomStream.Surge);
            if (Draw.Chance(rng, p.Demand.SurgeRate / 12)) surge += Draw.Exponential(rng, p.Demand.SurgeSize);
        }
        var multipliers = DemandMultipliers.At(s.Shocks, month).WithSurge(surge);
        var (cases, referrals) = DemandStep.Advance(
            s.Cases, s.Children, s.ReferralRate, s.Practice.Quality, multipliers, p.Demand, random(RandomStream.Demand));

        var workforce = s.Workforce;
        if (month.StartsFinancialYear)
        {
            var affordable = FinanceStep.AffordablePosts(
                c.BudgetPerYear, c.OverheadShare, cases.InCare, workforce.AgencyShare, month, s.Origin, p.Finance, workforce.PayPremium);
            workforce = workforce with
            {
                Establishment = WorkforceStep.PlanEstablishment(workforce.Establishment, cases.Total, affordable, p.Workforce),
            };
        }

        var effective = Caseload.Effective(cases.Total, workforce.Workers, s.Practice.WorkaroundShare);
        var frozen = s.Finance.OverspendShare > p.Finance.FreezeThreshold;
        var instability = 1 - LeadershipStep.Stability(leadership.MonthsInPost, p.Leadership);
        var labourMarket = 1.0;
        foreach (var shift in s.LabourMarket) labourMarket *= shift.Multiplier(month);
        workforce = workforce with
        {
            PayPremium = WorkforceStep.PayPremium(workforce.PayPremium, workforce.VacancyRate, s.RegionalVacancyRate, frozen, p.Workforce),
        };
        var pressures = new WorkforcePressures(
            effective, s.Reputation, instability, disruption, c.RecruitmentBoost, frozen, labourMarket, workforce.PayPremium);
        workforce = WorkforceStep.Advance(
            workforce, cases.Total, pressures, p.Workforce, p.Finance.FreezeRecruitment, random(RandomStream.Workforce));

        effective = Caseload.Effective(cases.Total, workforce.Workers, s.Practice.WorkaroundShare);
        var practicePressures = new PracticePressures(
            EffectiveCaseload: effective,
            AgencyShare: workforce.AgencyShare,
            MeanTenureYears: workforce.MeanTenureYears,
            Leadership: lead,
            Culture: s.Practice.Culture,
            Oversight: lead * s.Practice.RecordsAccuracy,
            Support: c.PracticeSupport,
            Disruption: disruption,
            RunByTrust: c.RunByTrust,
            Local: s.LocalConditions);
        var target = PracticeStep.Target(practicePressures, p.Practice, p.Workforce);
        var practice = PracticeStep.Advance(s.Practice, target, lead, p.Practice, random(RandomStream.Practice));

        // One-off costs (a trust's set-up) are spent alongside improvement costs; what outside
        // funding covers is added to the budget, the rest is overspend.
        double oneOff = 0, funded = 0;
        foreach (var o in s.OneOffCosts)
        {
            oneOff += o.PerMonth;
            funded += o.FundedPerMonth;
        }
        var paying = oneOff > 0 ? c with { ImprovementCost = c.ImprovementCost + oneOff, BudgetPerYear = c.BudgetPerYear + 12 * funded } : c;
        var finance = FinanceStep.Advance(s.Finance, month, s.Origin, workforce, cases, paying, p.Finance);
        var focus = c.IndependentTrust ? p.Governance.TrustLeadershipFocus : 0;
        leadership = LeadershipStep.Advance(leadership, c.Challenge, finance.OverspendShare, p.Leadership, focus);

        // Reputation follows the last judgement and, by word of mouth, how it is to work there.
        var conditions = (lead + practice.Culture) / 2;
        var w = p.Governance.ReputationJudgementWeight;
        var reputationTarget = s.LastGrade is { } g
            ? w * Inspection.Grades.Reputation(g, p.Governance) + (1 - w) * conditions
            : w * s.Reputation + (1 - w) * conditions;
        var next = s with
        {
            Children = s.Children * Math.Pow(1 + p.Demand.ChildPopulationGrowth, 1.0 / 12),
            Cases = cases,
            Workforce = workforce,
            Practice = practice,
            Leadership = leadership,
            Finance = finance,
            Disruption = disruption * Math.Exp(-1 / p.Governance.DisruptionMonths),
            Surge = surge * Math.Exp(-1 / p.Demand.SurgeMonths),
            Reputation = s.Reputation + (reputationTarget - s.Reputation) / p.Governance.ReputationMonths,
            Referrals = referrals,
            OneOffCosts = s.OneOffCosts.IsEmpty ? s.OneOffCosts
                : [.. s.OneOffCosts.Where(o => o.MonthsLeft > 1).Select(o => o with { MonthsLeft = o.MonthsLeft - 1 })],
        };
        return new ServiceOutcome(next, Report(next, month, lead, paying, p), directorLeft);
    }

    public static ServiceReport Report(ServiceState s, Month month, double leadership, ServiceConditions c, ModelParameters p)
    {
        var w = s.Workforce;
        var caseload = Caseload.PerWorker(s.Cases.Total, w.Workers);
        return new ServiceReport(
            Area: s.Area,
            Month: month,
            Referrals: s.Referrals,
            Cases: s.Cases,
            Workforce: w,
            Caseload: caseload,
            CaseloadP90: Caseload.Percentile90(caseload, w.VacancyRate, p.Workforce),
            Unallocated: Caseload.Unallocated(s.Cases.Total, w.Workers, s.Practice.WorkaroundShare, p.Workforce),
            PracticeQuality: s.Practice.Quality,
            Culture: s.Practice.Culture,
            Leadership: leadership,
            RecordsAccuracy: s.Practice.RecordsAccuracy,
            WorkaroundShare: s.Practice.WorkaroundShare,
            Disruption: s.Disruption,
            Reputation: s.Reputation,
            Challenge: c.Challenge,
            Spend: s.Finance.Spend,
            Budget: c.BudgetPerYear / 12,
            OverspendShare: s.Finance.OverspendShare,
            OverspendYearToDate: s.Finance.SpendYearToDate - s.Finance.BudgetYearToDate);
    }
}
