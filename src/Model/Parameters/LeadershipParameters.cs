namespace Simulation.Model.Parameters;

/// <summary>Leadership quality, stability and directors.</summary>
public sealed record LeadershipParameters
{
    [Parameter("months", 1, 48,
        Source = "assumption: a new director takes about a year to establish a team",
        Description = "Time constant of leadership stability after a change of director.")]
    public double StabilityMonths { get; init; } = 12;

    [Parameter("share", 0, 1,
        Source = "assumption",
        Description = "Share of leadership effectiveness kept by a wholly unstable (brand new) leadership team.")]
    public double UnstableEffectiveness { get; init; } = 0.6;

    [Parameter("per year", 0, 1, Calibrated = true, Low = 0.02, High = 0.5,
        Source = "CAUSES.md: practice and leadership erode when not actively maintained (council report, seed 001)",
        Description = "Relative loss of leadership quality per year with no external challenge.")]
    public double Erosion { get; init; } = 0.25;

    [Parameter("per year", 0, 2, Calibrated = true, Low = 0.05, High = 1,
        Source = "CAUSES.md B1/B2: challenge and intervention raise leadership and capacity",
        Description = "Share of the gap to full leadership quality closed per year under full challenge.")]
    public double Learning { get; init; } = 0.5;

    [Parameter("per year at 100% overspend", 0, 5,
        Source = "CAUSES.md: overspend pressures posts and leadership (seed 001)",
        Description = "Leadership quality lost per year per unit share of overspend.")]
    public double OverspendStrain { get; init; } = 0.5;

    [Parameter("per year", 0, 1,
        Source = "assumption: directors of children's services stay three to five years on average",
        Description = "Chance per year that the director leaves, in a service not judged inadequate.")]
    public double DirectorTurnover { get; init; } = 0.12;

    [Parameter("multiplier", 1, 5,
        Source = "DONCASTER.md 2013-05: the director retired after the inadequate judgement (seed 003); size is an assumption",
        Description = "Director turnover multiplier while the last judgement is inadequate.")]
    public double DirectorTurnoverWhenInadequate { get; init; } = 2;

    [Parameter("share", 0, 1,
        Source = "assumption: the senior team outlasts any one director",
        Description = "Share of the gap between current leadership quality and a new director's own quality that the appointment closes (when a scenario does not state the new leadership's quality).")]
    public double DirectorInfluence { get; init; } = 0.5;

    [Parameter("quality", 0, 1,
        Source = "assumption",
        Description = "Mean quality of a new director appointed without a scripted value.")]
    public double NewDirectorMean { get; init; } = 0.5;

    [Parameter("quality (sd)", 0, 0.5,
        Source = "assumption",
        Description = "Spread of the quality of new directors.")]
    public double NewDirectorSd { get; init; } = 0.12;

    [Parameter("months", 0, 24, Calibrated = true, Low = 0, High = 12,
        Source = "CAUSES.md: interventions and restructures cost leadership stability (SOLACE, seed 000); DONCASTER.md 2013-05 to "
            + "2013-07: the director retired and a new one started two months later; issue 17: interim cover; how long it lasts is "
            + "an assumption, calibrated (rounded to whole months)",
        Description = "Months of interim cover after a director leaves before a permanent director is appointed; no stability builds meanwhile (0: immediate appointment).")]
    public double InterimMonths { get; init; }
}
