namespace Simulation.Model.Parameters;

/// <summary>
/// Practice quality: a slow state pulled towards a target that depends on the conditions social
/// workers work in. The target is a logistic function of weighted pressures (see docs/ODD.md).
/// </summary>
public sealed record PracticeParameters
{
    [Parameter("logit", -5, 5, Calibrated = true, Low = -0.5, High = 2,
        Source = "assumption: calibrated so that a service at reference conditions sits near the good threshold",
        Description = "Intercept of the target practice quality (logit scale) at reference conditions.")]
    public double Bias { get; init; } = 0.9;

    [Parameter("logit per unit excess caseload", 0, 10, Calibrated = true, Low = 0.5, High = 5,
        Source = "CAUSES.md: workload growth blamed for poor practice (director, seed 002); size is an assumption",
        Description = "Weight of the share by which effective caseload exceeds the norm.")]
    public double CaseloadWeight { get; init; } = 2.0;

    [Parameter("logit per unit agency share", 0, 15, Calibrated = true, Low = 0.5, High = 6,
        Source = "CAUSES.md R2: agency workers have no continuity (seed 002); size is an assumption",
        Description = "Weight of the agency share above the reference share.")]
    public double AgencyWeight { get; init; } = 3.0;

    [Parameter("share", 0, 0.5,
        Source = "NATIONAL.md workforce census: agency rate about 15-16% nationally",
        Description = "Agency share at which agency use neither helps nor harms practice.")]
    public double ReferenceAgencyShare { get; init; } = 0.15;

    [Parameter("logit per 5 years of tenure", 0, 3,
        Source = "CAUSES.md: difficulty attracting experienced professionals (seed 000); size is an assumption",
        Description = "Weight of mean tenure above five years.")]
    public double TenureWeight { get; init; } = 0.3;

    [Parameter("logit per unit leadership", 0, 10, Calibrated = true, Low = 0.5, High = 5,
        Source = "NATIONAL.md: leadership is described by the inspectorate as the single most important factor in improvement",
        Description = "Weight of effective leadership above 0.5.")]
    public double LeadershipWeight { get; init; } = 2.5;

    [Parameter("logit per unit culture", 0, 10, Calibrated = true, Low = 0.5, High = 5,
        Source = "CAUSES.md: a culture of failure and disillusion obstructing reform (Le Grand review, seed 000)",
        Description = "Weight of organisational culture above 0.5.")]
    public double CultureWeight { get; init; } = 2.0;

    [Parameter("logit per unit oversight", 0, 10,
        Source = "DONCASTER.md 2022-02: leaders lacked an accurate understanding; records inaccurate (seed 001)",
        Description = "Weight of management oversight (leadership times records accuracy) above 0.5.")]
    public double OversightWeight { get; init; } = 1.0;

    [Parameter("logit per unit support", 0, 10, Calibrated = true, Low = 0, High = 4,
        Source = "CAUSES.md: a partner adds capacity and leadership (mayor, chief executive, seed 000/003)",
        Description = "Weight of improvement support from a partner or funded improvement plan.")]
    public double SupportWeight { get; init; } = 1.5;

    [Parameter("logit per unit disruption", 0, 10, Calibrated = true, Low = 0.5, High = 6,
        Source = "CAUSES.md: a restructure is complex, uncertain and time-consuming (SOLACE, seed 000)",
        Description = "Weight of organisational disruption.")]
    public double DisruptionWeight { get; init; } = 2.5;

    [Parameter("logit", 0, 2,
        Source = "CAUSES.md: risk of negative fragmentation when services split from the council (ADCS, seed 000)",
        Description = "Penalty on the target while a trust runs the service apart from the council's other services.")]
    public double FragmentationPenalty { get; init; } = 0.1;

    [Parameter("months", 3, 120, Calibrated = true, Low = 6, High = 36,
        Source = "CAUSES.md: improvement takes years (Le Grand: ten-year trust, review at five); value is an assumption",
        Description = "Time constant of improvement when the target is above current quality, at a neutral culture (0.5).")]
    public double ImprovementMonths { get; init; } = 14;

    [Parameter("per unit culture", 0, 6, Calibrated = true, Low = 0, High = 4,
        Source = "CAUSES.md: a culture of failure and disillusion obstructing every attempt at reform (Le Grand review, seed 000)",
        Description = "How strongly a poor culture slows improvement: the improvement time constant is multiplied by exp(resistance × (0.5 − culture)).")]
    public double CultureResistance { get; init; } = 3;

    [Parameter("months", 1, 60, Calibrated = true, Low = 3, High = 24,
        Source = "issue 3: decline can be faster than improvement; value is an assumption",
        Description = "Time constant of decline when the target is below current quality.")]
    public double DeclineMonths { get; init; } = 9;

    [Parameter("per month (sd)", 0, 0.1,
        Source = "assumption: small month-to-month variation in practice",
        Description = "Standard deviation of monthly random variation in practice quality.")]
    public double Noise { get; init; } = 0.008;

    [Parameter("months", 6, 240,
        Source = "CAUSES.md: culture as a slow state that resists improvement (seed 000)",
        Description = "Time constant of culture moving towards the mean of practice and leadership.")]
    public double CultureMonths { get; init; } = 72;

    [Parameter("months", 1, 60, Calibrated = true, Low = 6, High = 60,
        Source = "assumption: a badly implemented case-management system takes one to two years to put right",
        Description = "Time constant of recovery of records accuracy and of the end of manual workarounds after an IT failure.")]
    public double ItRecoveryMonths { get; init; } = 30;

    [Parameter("share of time at severity 1", 0, 0.6, Calibrated = true, Low = 0.05, High = 0.4,
        Source = "DONCASTER.md 2021: time-consuming manual workarounds (seed 001); size is an assumption",
        Description = "Share of social-work time lost to manual workarounds at full severity of an IT failure.")]
    public double ItWorkaroundShare { get; init; } = 0.2;

    [Parameter("accuracy lost at severity 1", 0, 1, Calibrated = true, Low = 0.2, High = 1,
        Source = "DONCASTER.md 2021: records inaccurate (seed 001); size is an assumption",
        Description = "Records accuracy lost at full severity of an IT failure.")]
    public double ItAccuracyLoss { get; init; } = 0.5;

    [Parameter("index 0-1 (sd)", 0, 0.3,
        Source = "assumption: 0 keeps a scenario's starting state exact; a scenario whose starting state is not known per council "
            + "(england.yaml: the record has no deprivation) sets a spread, there 0.09, the synthetic generator's spread of "
            + "practice, culture and leadership (sd of 0.22 d, d ~ Beta(2,2), with N(0, 0.08)) that put about a quarter of councils "
            + "in a failing state, as the first SIF inspections found (NATIONAL.md)",
        Description = "Standard deviation of each replicate's starting practice quality, culture and leadership around the scenario's "
            + "settings: one normal draw per council and replicate moves all three together (clamped to 0.02-0.98).")]
    public double InitialSpread { get; init; }

    [Parameter("logit per sd", 0, 3, Calibrated = true, Low = 0, High = 1.5,
        Source = "NATIONAL.md: grades correlate strongly with deprivation; the national record has none, so where a scenario's "
            + "starting state is uncertain (practice.initial_spread above 0) the same draw that places a council also gives it "
            + "lasting local conditions; size is calibrated on the national record (docs/calibration.md)",
        Description = "Weight, in the target of practice quality, of the council's persistent local conditions (a standard normal "
            + "score per council and replicate, the draw of practice.initial_spread; 0 where that spread is 0).")]
    public double LocalWeight { get; init; }
}
