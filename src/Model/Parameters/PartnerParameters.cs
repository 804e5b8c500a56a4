namespace Simulation.Model.Parameters;

/// <summary>What an improvement partner adds, unless a scenario's partner says otherwise.</summary>
public sealed record PartnerParameters
{
    [Parameter("leadership", 0, 0.5,
        Source = "DONCASTER.md 2013-07: the partner brought a new director and leadership support (seed 003)",
        Description = "Leadership effectiveness a partner adds while contracted.")]
    public double LeadershipSupport { get; init; } = 0.08;

    [Parameter("support", 0, 1, Calibrated = true, Low = 0, High = 1,
        Source = "CAUSES.md: a partner adds capacity for a contracted period (seed 000)",
        Description = "Improvement support a partner adds to practice while contracted.")]
    public double PracticeSupport { get; init; } = 0.4;

    [Parameter("multiplier", 0, 2,
        Source = "DONCASTER.md 2013-07: partner's target of agency staff below 12% within a year",
        Description = "Extra recruitment of permanent staff while a partner is contracted (0.3 = 30% more).")]
    public double RecruitmentBoost { get; init; } = 0.3;
}
