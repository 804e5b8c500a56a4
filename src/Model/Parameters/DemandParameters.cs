namespace Simulation.Model.Parameters;

/// <summary>Referrals, open cases and how fast they close.</summary>
public sealed record DemandParameters
{
    [Parameter("share", 0.2, 0.95,
        Source = "assumption: NATIONAL.md Demand gives about 540 referrals and 340 children in need per 10,000 children a year; with episodes of about nine months, about half of referrals must open a case",
        Description = "Share of referrals that become an open child-in-need case after assessment.")]
    public double ReferralConversion { get; init; } = 0.5;

    [Parameter("per month", 0.02, 0.3,
        Source = "assumption: child-in-need episodes last about nine months (NATIONAL.md Demand stocks against referral flows)",
        Description = "Share of open child-in-need cases closed each month when practice is good.")]
    public double CinClosureRate { get; init; } = 0.1;

    [Parameter("per month", 0.001, 0.1,
        Source = "NATIONAL.md Demand: about 42 child protection plans against 340 children in need per 10,000 children",
        Description = "Share of child-in-need cases that move onto a child protection plan each month.")]
    public double ProtectionEscalationRate { get; init; } = 0.0123;

    [Parameter("per month", 0.01, 0.5,
        Source = "assumption: child protection plans last about ten months on average",
        Description = "Share of child protection plans that end each month (stepped down to child in need) when practice is good.")]
    public double ProtectionExitRate { get; init; } = 0.09;

    [Parameter("per month", 0, 0.1,
        Source = "assumption: a small share of children on plans enters care each month",
        Description = "Share of child protection plans that end with the child entering care, each month.")]
    public double ProtectionToCareRate { get; init; } = 0.01;

    [Parameter("per 10,000 children per year", 0, 100,
        Source = "NATIONAL.md Demand: about 70 children in care per 10,000; with stays of about three years entries are about 20 per 10,000 a year",
        Description = "Children entering care directly (not from a plan), per 10,000 children a year.")]
    public double CareEntryRate { get; init; } = 19;

    [Parameter("per month", 0.005, 0.2,
        Source = "assumption: a period in care lasts about three years on average",
        Description = "Share of children in care who leave care each month.")]
    public double CareExitRate { get; init; } = 0.028;

    [Parameter("share", 0, 0.9, Calibrated = true, Low = 0, High = 0.6,
        Source = "DONCASTER.md 2022-02 ILACS: drift and delay in plans (seed 001); strength is an assumption",
        Description = "Drift and delay: at practice quality 0, closures and step-downs slow by this share (linear in quality).")]
    public double DriftStrength { get; init; } = 0.25;

    [Parameter("per year", -0.05, 0.05,
        Source = "assumption: England's child population grew by about half a percent a year 2008-2020",
        Description = "Growth of the child population.")]
    public double ChildPopulationGrowth { get; init; } = 0.004;

    [Parameter("per year", 0, 2, Calibrated = true, Low = 0, High = 0.4,
        Source = "CAUSES.md: a surge in demand raises open cases faster than staff grow (council, director, seeds 000, 002); "
            + "how often a local surge (a serious case, a change of thresholds by partners) strikes one council is an assumption, calibrated",
        Description = "Chance per year that a local surge in demand starts in a council (0: no surges).")]
    public double SurgeRate { get; init; }

    [Parameter("share", 0, 2, Calibrated = true, Low = 0.1, High = 0.8,
        Source = "NATIONAL.md: after Baby P, referrals rose about 22% and care applications about 70% nationally; a local surge's "
            + "size is an assumption, calibrated",
        Description = "Mean extra share of referrals and of escalations to child protection when a local surge starts (exponentially distributed).")]
    public double SurgeSize { get; init; } = 0.3;

    [Parameter("months", 1, 60,
        Source = "assumption: a local surge works through in about a year",
        Description = "Time constant of the decay of a local surge in demand.")]
    public double SurgeMonths { get; init; } = 12;
}
