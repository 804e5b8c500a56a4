namespace Simulation.Model.Inspection;

/// <summary>
/// The inspector's four-point scale. The third grade was "adequate" until the single inspection
/// framework (November 2013) renamed it "requires improvement"; the rank is the same, so the model
/// keeps one value and <see cref="Frameworks.Label"/> names it by era.
/// </summary>
public enum Grade
{
    Inadequate = 1,
    RequiresImprovement = 2,
    Good = 3,
    Outstanding = 4,
}

public static class Grades
{
    /// <summary>Reputation a judgement gives a service: the level recruitment and retention respond to.</summary>
    public static double Reputation(Grade grade, Parameters.GovernanceParameters g) => grade switch
    {
        Grade.Outstanding => g.ReputationOutstanding,
        Grade.Good => g.ReputationGood,
        Grade.RequiresImprovement => g.ReputationRequiresImprovement,
        _ => g.ReputationInadequate,
    };

    public static Grade FromScore(double score, double adequate, double good, double outstanding) =>
        score >= outstanding ? Grade.Outstanding
        : score >= good ? Grade.Good
        : score >= adequate ? Grade.RequiresImprovement
        : Grade.Inadequate;

    public static Grade Min(Grade a, Grade b) => a <= b ? a : b;

    public static Grade OneAbove(Grade g) => g == Grade.Outstanding ? g : g + 1;

    /// <summary>
    /// The grade's name for people (figures, reports): <c>requires improvement</c>, not the code
    /// name <c>RequiresImprovement</c> nor the table's <c>requires_improvement</c>.
    /// </summary>
    public static string DisplayName(Grade grade) => grade switch
    {
        Grade.Outstanding => "outstanding",
        Grade.Good => "good",
        Grade.RequiresImprovement => "requires improvement",
        Grade.Inadequate => "inadequate",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    /// <summary>The grade's name for people as the inspector of that month wrote it: <c>adequate</c> before November 2013.</summary>
    public static string DisplayName(Grade grade, Time.Month month) =>
        grade == Grade.RequiresImprovement && month < Frameworks.SingleInspectionStart ? "adequate" : DisplayName(grade);
}
