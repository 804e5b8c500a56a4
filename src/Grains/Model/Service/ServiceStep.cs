using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.Service;

/// <summary>The result of one month of a service: its new state, its report, and what happened.</summary>
public sealed record ServiceOutcome(ServiceState State, ServiceReport Report, bool DirectorLeft);

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
        // Directors leave at random, more often after an inadequate judgement.
        var leadership = s.Leadership;
        var disruption = s.Disruption;
        var directorLeft = LeadershipStep.DirectorLeaves(s.LastGrade, p.Leadership, random(RandomStream.Leadership));
        if (directorLeft)
        {
            leadership = LeadershipStep.Appoint(null, p.Leadership, random(RandomStream.Leadership));
            disruption = Math.Min(1, disruption + p.Governance.DirectorChangeDisruption);
        }
        var lead = LeadershipStep.Effective(leadership, disruption, c.LeadershipSupport, p.Leadership);

        var multipliers = DemandMultipliers.At(s.Shocks, month);
        var (cases, referrals) = DemandStep.Advance(
            s.Cases, s.Children, s.ReferralRate, s.Practice.Quality, multipliers, p.Demand, random(RandomStream.Demand));

        var workforce = s.Workforce;
        if (month.StartsFinancialYear)
        {
            var affordable = FinanceStep.AffordablePosts(
                c.BudgetPerYear, c.OverheadShare, cases.InCare, workforce.AgencyShare, month, s.Origin, p.Finance);
            workforce = workforce with
            {
                Establishment = WorkforceStep.PlanEstablishment(workforce.Establishment, cases.Total, affordable, p.Workforce),
            };
        }

        var effective = Caseload.Effective(cases.Total, workforce.Workers, s.Practice.WorkaroundShare);
        var frozen = s.Finance.OverspendShare > p.Finance.FreezeThreshold;
        var instability = 1 - LeadershipStep.Stability(leadership.MonthsInPost, p.Leadership);
        var pressures = new WorkforcePressures(
            effective, s.Reputation, instability, disruption, c.RecruitmentBoost, frozen);
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
            RunByTrust: c.RunByTrust);
        var target = PracticeStep.Target(practicePressures, p.Practice, p.Workforce);
        var practice = PracticeStep.Advance(s.Practice, target, lead, p.Practice, random(RandomStream.Practice));

        var finance = FinanceStep.Advance(s.Finance, month, s.Origin, workforce, cases, c, p.Finance);
        leadership = LeadershipStep.Advance(leadership, c.Challenge, finance.OverspendShare, p.Leadership);

        var reputationTarget = s.LastGrade is { } g ? Inspection.Grades.Reputation(g) : s.Reputation;
        var next = s with
        {
            Children = s.Children * Math.Pow(1 + p.Demand.ChildPopulationGrowth, 1.0 / 12),
            Cases = cases,
            Workforce = workforce,
            Practice = practice,
            Leadership = leadership,
            Finance = finance,
            Disruption = disruption * Math.Exp(-1 / p.Governance.DisruptionMonths),
            Reputation = s.Reputation + (reputationTarget - s.Reputation) / p.Governance.ReputationMonths,
            Referrals = referrals,
        };
        return new ServiceOutcome(next, Report(next, month, lead, c, p), directorLeft);
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
