namespace Simulation.Model.Parameters;

/// <summary>How the inspector sees the service and turns what it sees into grades.</summary>
public sealed record InspectionParameters
{
    [Parameter("cases", 5, 500,
        Source = "assumption: inspectors track and sample a few dozen children's cases",
        Description = "Cases the inspector samples for each judgement on practice.")]
    public double SampleCases { get; init; } = 60;

    [Parameter("score", 0.5, 1, Calibrated = true, Low = 0.75, High = 0.9,
        Source = "assumption: no public figure fixes it; calibrated (DONCASTER.md: November 2017 good, not outstanding)",
        Description = "Score at or above which a judgement is outstanding.")]
    public double OutstandingThreshold { get; init; } = 0.8;

    [Parameter("score", 0.3, 0.95,
        Source = "assumption: calibrated against NATIONAL.md's share of good or outstanding authorities",
        Description = "Score at or above which a judgement is good.")]
    public double GoodThreshold { get; init; } = 0.62;

    [Parameter("score", 0.1, 0.9,
        Source = "assumption: calibrated against NATIONAL.md's share of inadequate authorities",
        Description = "Score at or above which a judgement is adequate or requires improvement; below it, inadequate.")]
    public double AdequateThreshold { get; init; } = 0.45;

    [Parameter("logit", -3, 3,
        Source = "DONCASTER.md 2015: children looked after requires improvement while help and protection inadequate",
        Description = "How much better work with children in care is than help and protection, on the logit scale.")]
    public double CareOffset { get; init; } = 0.4;

    [Parameter("weight", 0, 1,
        Source = "NATIONAL.md ILACS: impact of leaders on practice; assumption for the split",
        Description = "Weight of effective leadership in the leadership score.")]
    public double LeadershipOwnWeight { get; init; } = 0.4;

    [Parameter("weight", 0, 1,
        Source = "DONCASTER.md 2022-02: leaders did not have an accurate understanding of the service (seed 001)",
        Description = "Weight of leaders' knowledge of their service (the accuracy of its records) in the leadership score.")]
    public double LeadershipKnowledgeWeight { get; init; } = 0.35;

    [Parameter("score (sd)", 0, 0.3,
        Source = "assumption: judgements of leadership carry inspector judgement error",
        Description = "Noise in the inspector's leadership score.")]
    public double LeadershipNoise { get; init; } = 0.04;

    [Parameter("weight", 0, 1,
        Source = "NATIONAL.md: help and protection is the limiting judgement (inadequate help and protection makes the overall inadequate); the split is an assumption",
        Description = "Weight of the help-and-protection score in the overall score.")]
    public double HelpWeight { get; init; } = 0.4;

    [Parameter("weight", 0, 1,
        Source = "assumption: children in care and leadership weigh equally in the rest",
        Description = "Weight of the children-in-care score in the overall score.")]
    public double CareWeight { get; init; } = 0.3;

    [Parameter("weight", 0.01, 1,
        Source = "assumption: children in care and leadership weigh equally in the rest",
        Description = "Weight of the leadership score in the overall score.")]
    public double LeadershipWeight { get; init; } = 0.3;

    [Parameter("months", 1, 60,
        Source = "assumption: a council with no inspection on record, or whose fixed inspections end, is next inspected about a year later",
        Description = "Months from the run's start (after 2012) or from the last fixed inspection to the first inspection by the cadence rules.")]
    public double FirstCadenceMonths { get; init; } = 12;

    [Parameter("months", 6, 60,
        Source = "NATIONAL.md: re-inspection typically 2-3 years after an inadequate judgement",
        Description = "Earliest re-inspection after an inadequate judgement, when inspections follow the cadence rules.")]
    public double InadequateMinMonths { get; init; } = 24;

    [Parameter("months", 6, 60,
        Source = "NATIONAL.md: re-inspection typically 2-3 years after an inadequate judgement",
        Description = "Latest re-inspection after an inadequate judgement, when inspections follow the cadence rules.")]
    public double InadequateMaxMonths { get; init; } = 36;

    [Parameter("months", 6, 72,
        Source = "NATIONAL.md: full inspections about every three years",
        Description = "Earliest next inspection after any other judgement, when inspections follow the cadence rules.")]
    public double CycleMinMonths { get; init; } = 30;

    [Parameter("months", 6, 72,
        Source = "NATIONAL.md: full inspections about every three years",
        Description = "Latest next inspection after any other judgement, when inspections follow the cadence rules.")]
    public double CycleMaxMonths { get; init; } = 42;
}
