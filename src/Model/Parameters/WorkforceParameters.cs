namespace Simulation.Model.Parameters;

/// <summary>Posts, social workers, agency cover, leavers and starters.</summary>
public sealed record WorkforceParameters
{
    [Parameter("cases per FTE", 8, 30,
        Source = "NATIONAL.md workforce census: caseload per FTE 16.0-17.4 (2018-2023)",
        Description = "A manageable caseload: the reference for stress, recruitment and the posts a service plans for.")]
    public double CaseloadNorm { get; init; } = 17;

    [Parameter("cases per FTE", 15, 60, Calibrated = true, Low = 22, High = 32,
        Source = "DONCASTER.md 2008-12: one in four child-protection cases had no allocated social worker; the cap is an assumption",
        Description = "Most cases a worker can hold; cases beyond this across the service are unallocated.")]
    public double CaseloadCapacity { get; init; } = 24;

    [Parameter("coefficient of variation", 0, 1,
        Source = "assumption: caseloads differ between teams; DONCASTER.md early 2013 has some workers on 35 while the mean was lower",
        Description = "Spread of caseloads between workers when fully staffed, used for the 90th-percentile caseload.")]
    public double CaseloadDispersion { get; init; } = 0.2;

    [Parameter("coefficient of variation per unit vacancy rate", 0, 2,
        Source = "assumption: vacancies concentrate cases on the teams that still have staff",
        Description = "Extra spread of caseloads per unit of vacancy rate.")]
    public double DispersionPerVacancy { get; init; } = 0.4;

    [Parameter("per year", 0.02, 0.5,
        Source = "NATIONAL.md workforce census: turnover 13.5-17% (2017-2024)",
        Description = "Leavers as a share of social workers in post, in a stable, well-run service with manageable caseloads.")]
    public double BaseTurnover { get; init; } = 0.15;

    [Parameter("multiplier per unit excess caseload", 0, 5, Calibrated = true, Low = 0, High = 3,
        Source = "CAUSES.md R1 workload spiral; NATIONAL.md: turnover at inadequate authorities rose 4.6 points against 1.9; slope is an assumption",
        Description = "Turnover rises by this factor times the share by which the effective caseload exceeds the norm.")]
    public double StressTurnover { get; init; } = 0.8;

    [Parameter("multiplier", 0, 3,
        Source = "NATIONAL.md: every workforce indicator worsens as the grade worsens; size is an assumption",
        Description = "Extra turnover at the worst reputation (scaled by one minus reputation).")]
    public double ReputationTurnover { get; init; } = 0.25;

    [Parameter("multiplier", 0, 3,
        Source = "CAUSES.md: repeated interventions destabilise (SOLACE, seed 000); size is an assumption",
        Description = "Extra turnover when leadership is wholly unstable (scaled by instability).")]
    public double InstabilityTurnover { get; init; } = 0.5;

    [Parameter("multiplier", 0, 5,
        Source = "CAUSES.md: a restructure could mean the ball is dropped (SOLACE, seed 000); size is an assumption",
        Description = "Extra turnover at full disruption (scaled by disruption).")]
    public double DisruptionTurnover { get; init; } = 1.0;

    [Parameter("per month", 0.01, 0.5, Calibrated = true, Low = 0.04, High = 0.3,
        Source = "assumption: calibrated so that a council of average reputation holds a vacancy rate near NATIONAL.md's 16%",
        Description = "Share of vacancies filled by permanent starters each month at neutral reputation and caseload.")]
    public double FillRate { get; init; } = 0.15;

    [Parameter("multiplier", 0, 1, Calibrated = true, Low = 0.2, High = 1,
        Source = "DONCASTER.md 2013: recruitment hard because of reputation (seed 002); NATIONAL.md vacancy rates by grade",
        Description = "Recruitment attractiveness at the worst reputation, relative to neutral.")]
    public double RecruitmentAtWorstReputation { get; init; } = 0.5;

    [Parameter("multiplier", 1, 3,
        Source = "NATIONAL.md: vacancy rate 9.2% at outstanding against 14.3% at good authorities; size is an assumption",
        Description = "Recruitment attractiveness at the best reputation, relative to neutral.")]
    public double RecruitmentAtBestReputation { get; init; } = 1.4;

    [Parameter("per unit excess caseload", 0, 5,
        Source = "assumption: applicants avoid services known for high caseloads",
        Description = "Recruitment falls exponentially with the share by which caseload exceeds the norm.")]
    public double CaseloadDeterrence { get; init; } = 0.3;

    [Parameter("share", 0, 1.5, Calibrated = true, Low = 0.4, High = 1,
        Source = "NATIONAL.md: about 70-80% of agency workers cover vacancies",
        Description = "Share of vacancies a provider covers with agency workers.")]
    public double AgencyCover { get; init; } = 0.75;

    [Parameter("share of staff in post per month", 0, 0.1,
        Source = "NATIONAL.md: turnover about 15% a year, of which 8.6% left social work and 2.6% moved to agency work (2021); assumption: most of the remaining 4% a year move between councils",
        Description = "Share of a council's social workers in post who move within their region's labour market each month when their council is as attractive as the region's average (regional markets exist only for regions of two or more councils).")]
    public double RegionalMobility { get; init; } = 0.0035;

    [Parameter("per unit relative caseload", 0, 10,
        Source = "CAUSES.md R1: high caseloads drive social workers away; size is an assumption",
        Description = "Weight of a council's caseload below the regional mean (relative) in its attractiveness to movers.")]
    public double MobilityCaseloadWeight { get; init; } = 2;

    [Parameter("per unit reputation", 0, 10,
        Source = "DONCASTER.md 2013: recruitment hard because of reputation (seed 002); size is an assumption",
        Description = "Weight of a council's reputation above the regional mean in its attractiveness to movers.")]
    public double MobilityReputationWeight { get; init; } = 3;

    [Parameter("share", 0, 1,
        Source = "NATIONAL.md: 20-30% of agency workers do not cover vacancies, i.e. they add capacity for demand",
        Description = "Share of the work beyond the establishment's capacity at the norm that is bought in as extra agency staff.")]
    public double AgencySurge { get; init; } = 0.3;

    [Parameter("per month", 0.01, 1,
        Source = "assumption: agency staff can be hired or released within a few months",
        Description = "Share of the gap between agency workers and their target closed each month.")]
    public double AgencyAdjustment { get; init; } = 0.3;

    [Parameter("years", 0, 10,
        Source = "assumption: many starters at struggling authorities are newly qualified",
        Description = "Mean years in the service of a new starter (their experience counted as tenure).")]
    public double StarterTenure { get; init; } = 1.5;

    [Parameter("share per year", 0, 1,
        Source = "assumption: establishments are reset at budget-setting each April",
        Description = "Share of the gap between the posts a service needs and the posts it has closed each April, within what the budget allows.")]
    public double EstablishmentAdjustment { get; init; } = 0.5;

    [Parameter("share of salary per unit vacancy rate", 0, 5,
        Source = "assumption: councils short of staff pay market supplements to compete with their neighbours; a vacancy rate 10 points above the region's mean leads to a 10% supplement",
        Description = "Market supplement a council aims for per unit by which its vacancy rate exceeds its regional market's mean (none outside a market of two or more councils).")]
    public double PremiumPerVacancyGap { get; init; } = 1;

    [Parameter("share of salary", 0, 1,
        Source = "assumption: market supplements and retention payments of a few thousand pounds on salaries of about GBP 40k",
        Description = "Largest market supplement a council pays.")]
    public double MaxPayPremium { get; init; } = 0.2;

    [Parameter("per month", 0, 1,
        Source = "assumption: supplements are reviewed over months, not weeks",
        Description = "Share of the gap between a council's market supplement and the one it aims for closed each month (held while recruitment is frozen by overspending).")]
    public double PremiumAdjustment { get; init; } = 0.1;

    [Parameter("per unit supplement", 0, 10,
        Source = "assumption",
        Description = "Recruitment rises by this factor times the market supplement (a 10% supplement with the default 2 fills vacancies 20% faster).")]
    public double PremiumRecruitment { get; init; } = 2;

    [Parameter("per unit supplement", 0, 50,
        Source = "assumption: a 10-point pay difference weighs as much as a caseload a third below the region's mean",
        Description = "Weight of a council's market supplement above its region's mean in its attractiveness to social workers and agency staff moving within the region.")]
    public double MobilityPayWeight { get; init; } = 7;

    [Parameter("share of agency staff per month", 0, 0.5,
        Source = "assumption: agency assignments last months, and NATIONAL.md's 2.6% a year of council social workers moving to agency work feeds a regional pool",
        Description = "Share of a council's agency staff who move to another council of the region each month when their council is as attractive as the region's average; they go where agency staff are short of target, weighted by attractiveness.")]
    public double AgencyMobility { get; init; } = 0.05;
}
