using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Time;

namespace Simulation.Model.Governance;

/// <summary>
/// The council's scrutiny of its service and the challenge it brings (loop B2 in docs/ODD.md): the
/// council sees its service through reports, late and weakly under a contract, and through its
/// latest judgement; the Department adds its own challenge while a notice or direction is in force.
/// </summary>
public static class Scrutiny
{
    /// <summary>
    /// How late the council sees its service and how hard it challenges what it sees: the in-house
    /// terms when it runs the service itself, otherwise the contract's (a scripted scrutiny change
    /// overrides the contract's terms).
    /// </summary>
    public static (double LagMonths, double Strength) Terms(bool councilRuns, double? contractStrength, double? contractLag, GovernanceParameters g) =>
        councilRuns
            ? (g.ScrutinyLagInHouse, g.ScrutinyStrengthInHouse)
            : (contractLag ?? g.ScrutinyLagContract, contractStrength ?? g.ScrutinyStrengthContract);

    /// <summary>
    /// The council's own challenge: none when it sees nothing; otherwise its strength times a share
    /// that is <c>scrutiny_midpoint</c> at the target quality and rises linearly to 1 as the quality
    /// it sees falls by half of <c>scrutiny_range</c> below the target (0 as far above it).
    /// </summary>
    public static double CouncilChallenge(double? seenQuality, double strength, GovernanceParameters g) =>
        seenQuality is { } q ? strength * Math.Clamp(g.ScrutinyMidpoint + (g.ScrutinyTarget - q) / g.ScrutinyRange, 0, 1) : 0;

    /// <summary>The Department's challenge at each level of intervention.</summary>
    public static double DepartmentChallenge(InterventionLevel level, GovernanceParameters g) => level switch
    {
        InterventionLevel.StatutoryDirection => g.DirectionChallenge,
        InterventionLevel.ImprovementNotice => g.NoticeChallenge,
        _ => 0,
    };

    /// <summary>Two independent sources of challenge: the provider escapes both only if it escapes each.</summary>
    public static double Combined(double council, double department) => 1 - (1 - council) * (1 - department);

    /// <summary>
    /// What a recent judgement tells the council about practice: the middle of the grade's band of
    /// inspection scores (<c>implied_inadequate_margin</c> below the adequate threshold for
    /// inadequate), or nothing once it is older than <c>judgement_memory_months</c>. A judgement that
    /// finds leadership inadequate counts as no better than requires improvement.
    /// </summary>
    public static double? Implied(Judgement? last, Month now, GovernanceParameters g, InspectionParameters p)
    {
        if (last is not { } j || now.MonthsSince(j.Month) > g.JudgementMemoryMonths) return null;
        var grade = j.Leadership == Grade.Inadequate ? Grades.Min(j.Overall, Grade.RequiresImprovement) : j.Overall;
        return grade switch
        {
            Grade.Outstanding => (p.OutstandingThreshold + 1) / 2,
            Grade.Good => (p.GoodThreshold + p.OutstandingThreshold) / 2,
            Grade.RequiresImprovement => (p.AdequateThreshold + p.GoodThreshold) / 2,
            _ => p.AdequateThreshold - g.ImpliedInadequateMargin,
        };
    }

    /// <summary>The worse of two views of practice quality, either of which may be missing.</summary>
    public static double? Worse(double? a, double? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
