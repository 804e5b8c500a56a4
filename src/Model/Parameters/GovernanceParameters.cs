namespace Simulation.Model.Parameters;

/// <summary>Scrutiny, intervention and the effects of changing who runs the service.</summary>
public sealed record GovernanceParameters
{
    [Parameter("months", 0, 24,
        Source = "assumption: an in-house director reports to members monthly or quarterly",
        Description = "Delay before the council sees the state of a service it runs itself.")]
    public double ScrutinyLagInHouse { get; init; } = 2;

    [Parameter("months", 0, 36, Calibrated = true, Low = 4, High = 24,
        Source = "DONCASTER.md 2022: governance of the trust limited the council's ability to challenge (seed 001); length is an assumption",
        Description = "Delay before the council sees the state of a service run under contract.")]
    public double ScrutinyLagContract { get; init; } = 9;

    [Parameter("challenge", 0, 1,
        Source = "assumption",
        Description = "Strength of the council's challenge to a service it runs itself, when it sees decline.")]
    public double ScrutinyStrengthInHouse { get; init; } = 0.5;

    [Parameter("challenge", 0, 1, Calibrated = true, Low = 0.05, High = 0.45,
        Source = "DONCASTER.md 2020-07: scrutiny of the trust only became more robust in July 2020 (seed 001); size is an assumption",
        Description = "Strength of the council's challenge to a service run under contract (searched below the in-house strength: a contract makes challenge weaker).")]
    public double ScrutinyStrengthContract { get; init; } = 0.25;

    [Parameter("months", 0, 120,
        Source = "assumption: a council acts on an inspection report for about one inspection cycle (NATIONAL.md: about three years)",
        Description = "How long a judgement informs what the council believes about its service: it sees the worse of the lagged report and what the judgement implies.")]
    public double JudgementMemoryMonths { get; init; } = 36;

    [Parameter("quality", 0, 1,
        Source = "assumption: councils aim for a good service",
        Description = "Practice quality below which the council's scrutiny challenges the provider.")]
    public double ScrutinyTarget { get; init; } = 0.62;

    [Parameter("share", 0, 1,
        Source = "assumption: at its target the council challenges with half its strength",
        Description = "Share of its full strength with which the council challenges a service it sees exactly at the target quality.")]
    public double ScrutinyMidpoint { get; init; } = 0.5;

    [Parameter("quality", 0.01, 1,
        Source = "assumption: challenge goes from none to full over a tenth of practice quality either side of the target",
        Description = "Span of practice quality over which the council's challenge goes from none to full strength, centred on the target.")]
    public double ScrutinyRange { get; init; } = 0.2;

    [Parameter("score", 0, 0.45,
        Source = "assumption: an inadequate judgement tells the council practice is just below the adequate threshold",
        Description = "How far below the adequate threshold the council takes practice to be after an inadequate judgement.")]
    public double ImpliedInadequateMargin { get; init; } = 0.05;

    [Parameter("challenge", 0, 1,
        Source = "NATIONAL.md: improvement notice and quarterly monitoring after an inadequate judgement",
        Description = "Challenge from the Department while an improvement notice is in force.")]
    public double NoticeChallenge { get; init; } = 0.2;

    [Parameter("challenge", 0, 1, Calibrated = true, Low = 0.05, High = 0.6,
        Source = "NATIONAL.md: statutory direction with a commissioner where failure is persistent",
        Description = "Challenge from the Department while a statutory direction is in force.")]
    public double DirectionChallenge { get; init; } = 0.35;

    [Parameter("months", 1, 36, Calibrated = true, Low = 3, High = 24,
        Source = "assumption: disruption from a change fades over months",
        Description = "Time constant with which organisational disruption fades.")]
    public double DisruptionMonths { get; init; } = 11;

    [Parameter("disruption", 0, 1,
        Source = "CAUSES.md: each intervention has a disruption cost (SOLACE, seed 000)",
        Description = "Disruption added by a government intervention or statutory direction.")]
    public double InterventionDisruption { get; init; } = 0.15;

    [Parameter("disruption", 0, 1,
        Source = "assumption",
        Description = "Disruption added by a change of director.")]
    public double DirectorChangeDisruption { get; init; } = 0.1;

    [Parameter("disruption", 0, 1, Calibrated = true, Low = 0.05, High = 0.8,
        Source = "CAUSES.md: transition dip when the provider changes (SOLACE, seed 000)",
        Description = "Disruption added when a trust takes over the service.")]
    public double TrustTransferDisruption { get; init; } = 0.45;

    [Parameter("disruption", 0, 1,
        Source = "DONCASTER.md 2019: the trust passed into council ownership; DfE saw decline since (seed 001)",
        Description = "Disruption added by a change of the trust's ownership.")]
    public double OwnershipChangeDisruption { get; init; } = 0.2;

    [Parameter("disruption", 0, 1,
        Source = "DONCASTER.md 2022-09: services back under council control (seed 001)",
        Description = "Disruption added when the service returns in-house.")]
    public double ReturnDisruption { get; init; } = 0.15;

    [Parameter("disruption", 0, 1,
        Source = "assumption",
        Description = "Disruption added when an improvement partner starts.")]
    public double PartnerStartDisruption { get; init; } = 0.05;

    [Parameter("share", 0, 1, Calibrated = true, Low = 0, High = 1,
        Source = "CAUSES.md: a decisive break resets culture (Le Grand review, seed 000/001)",
        Description = "Clean break: share of the gap between current culture and a new organisation's culture closed when a trust starts.")]
    public double CleanBreakCulture { get; init; } = 0.5;

    [Parameter("culture", 0, 1, Calibrated = true, Low = 0.4, High = 0.8,
        Source = "DONCASTER.md, seed 000: a separation that permits a new culture of development, improvement and innovation (Le Grand review)",
        Description = "The culture a new organisation starts from, towards which a clean break moves culture.")]
    public double CleanBreakCultureLevel { get; init; } = 0.6;

    [Parameter("share", 0, 1, Calibrated = true, Low = 0, High = 1,
        Source = "CAUSES.md: a new organisation resets reputation (Le Grand review, seed 000)",
        Description = "Clean break: share of the gap between current reputation and neutral reputation closed when a trust starts.")]
    public double CleanBreakReputation { get; init; } = 0.8;

    [Parameter("index 0-1", 0, 1,
        Source = "assumption: a new organisation starts from a neutral name among social workers, the middle of the scale",
        Description = "The reputation a new organisation starts from, towards which a clean break moves reputation.")]
    public double CleanBreakReputationLevel { get; init; } = 0.5;

    [Parameter("share", 0, 1, Calibrated = true, Low = 0, High = 0.9,
        Source = "CAUSES.md: an independent trust, genuinely autonomous, gives stable, focused leadership (review, Education Secretary, seeds 000, 004); DONCASTER.md 2022: decline since council ownership (seed 001)",
        Description = "Share of leadership erosion an independent trust avoids by focusing on children's services alone (none once the council owns it).")]
    public double TrustLeadershipFocus { get; init; } = 0.5;

    [Parameter("share of staff", 0, 0.5,
        Source = "assumption: a full transfer of employment loses some staff at once",
        Description = "Share of social workers who leave at a full transfer of employment to a new provider.")]
    public double TransferLeavers { get; init; } = 0.08;

    [Parameter("share", 0, 1,
        Source = "DONCASTER.md 2013 autumn: staff seconded, not transferred, keeping their pension (seed 004); size is an assumption",
        Description = "Leavers at a secondment as a share of those at a full transfer.")]
    public double SecondmentLeaverFactor { get; init; } = 0.3;

    [Parameter("share", 0, 1, Calibrated = true, Low = 0.2, High = 1,
        Source = "DONCASTER.md 2013: recruitment hard because of reputation (seed 002); assumption that word of mouth about leaders and culture also counts",
        Description = "Share of reputation set by the last judgement; the rest follows working conditions as social workers describe them (the mean of effective leadership and culture).")]
    public double ReputationJudgementWeight { get; init; } = 0.6;

    [Parameter("index 0-1", 0, 1,
        Source = "assumption: the top of the reputation scale",
        Description = "Reputation an outstanding judgement gives a service among social workers.")]
    public double ReputationOutstanding { get; init; } = 1;

    [Parameter("index 0-1", 0, 1,
        Source = "assumption: a good judgement is a strong draw for recruitment, short of outstanding",
        Description = "Reputation a good judgement gives a service among social workers.")]
    public double ReputationGood { get; init; } = 0.75;

    [Parameter("index 0-1", 0, 1,
        Source = "assumption: requires improvement (adequate before November 2013) is a middling reputation",
        Description = "Reputation a judgement of requires improvement (or adequate) gives a service among social workers.")]
    public double ReputationRequiresImprovement { get; init; } = 0.45;

    [Parameter("index 0-1", 0, 1,
        Source = "DONCASTER.md 2013: recruitment hard because of reputation after inadequate judgements (seed 002); level is an assumption",
        Description = "Reputation an inadequate judgement gives a service among social workers.")]
    public double ReputationInadequate { get; init; } = 0.1;

    [Parameter("months", 1, 60,
        Source = "assumption: reputation follows published judgements with a lag",
        Description = "Time constant with which reputation follows the latest judgement.")]
    public double ReputationMonths { get; init; } = 9;

    [Parameter("share of base budget per year", 0, 0.2, Calibrated = true, Low = 0, High = 0.06,
        Source = "DONCASTER.md: GBP 1.982m over two years for a 27-point improvement plan (2013-2015, seed 002); NATIONAL.md: "
            + "an action plan within 70 working days of an inadequate judgement; the share is an assumption, calibrated",
        Description = "Cost of the improvement plan an inadequate judgement sets off (whoever runs the service), as a share of the "
            + "base budget per year, funded on top of the budget (0: no plan).")]
    public double ImprovementPlanShare { get; init; }

    [Parameter("support (0-1)", 0, 2, Calibrated = true, Low = 0, High = 1,
        Source = "DONCASTER.md: GBP 1.982m over two years (about GBP 1m a year) for Doncaster's plan, which at finance.support_per_million "
            + "0.3 is a support of about 0.3; the same support for any council, whatever its size; calibrated",
        Description = "Practice support while an improvement plan set off by an inadequate judgement runs (the same scale as a partner's "
            + "practice support; scripted improvement funding supports by its size instead).")]
    public double ImprovementPlanSupport { get; init; } = 0.3;

    [Parameter("months", 1, 60,
        Source = "DONCASTER.md: the improvement plan ran two years (2013-2015, seed 002)",
        Description = "How long the funding of an improvement plan after an inadequate judgement lasts.")]
    public double ImprovementPlanMonths { get; init; } = 24;
}
