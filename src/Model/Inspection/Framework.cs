using Simulation.Model.Time;

namespace Simulation.Model.Inspection;

/// <summary>The inspection frameworks of NATIONAL.md's "Inspection regime" table.</summary>
public enum Framework
{
    /// <summary>Annual performance assessment (to 2008) and the annual rating that followed (2009-2012): one overall grade.</summary>
    AnnualAssessment,

    /// <summary>Unannounced inspection of contact, referral and assessment (2009-2013): child protection only.</summary>
    UnannouncedChildProtection,

    /// <summary>Inspection of safeguarding and looked-after children (2009-2013).</summary>
    SafeguardingAndLookedAfter,

    /// <summary>Single inspection framework (November 2013 to 2017).</summary>
    SingleInspection,

    /// <summary>Inspection of local authority children's services (2018 on).</summary>
    Ilacs,
}

public static class Frameworks
{
    public static readonly Month SingleInspectionStart = Month.Of(2013, 11);
    public static readonly Month IlacsStart = Month.Of(2018, 1);

    /// <summary>The framework a routine inspection uses in a given month.</summary>
    public static Framework ForMonth(Month month) =>
        month >= IlacsStart ? Framework.Ilacs
        : month >= SingleInspectionStart ? Framework.SingleInspection
        : Framework.AnnualAssessment;

    /// <summary>True when the framework publishes a judgement on help and protection.</summary>
    public static bool JudgesHelpAndProtection(Framework f) => f != Framework.AnnualAssessment;

    public static bool JudgesChildrenInCare(Framework f) =>
        f is Framework.SafeguardingAndLookedAfter or Framework.SingleInspection or Framework.Ilacs;

    public static bool JudgesLeadership(Framework f) => f is Framework.SingleInspection or Framework.Ilacs;

    /// <summary>Snake-case name used in output tables and scenario files.</summary>
    public static string Name(Framework f) => f switch
    {
        Framework.AnnualAssessment => "annual_assessment",
        Framework.UnannouncedChildProtection => "unannounced_child_protection",
        Framework.SafeguardingAndLookedAfter => "safeguarding_and_looked_after",
        Framework.SingleInspection => "single_inspection_framework",
        Framework.Ilacs => "ilacs",
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static bool TryParse(string text, out Framework framework)
    {
        foreach (var f in Enum.GetValues<Framework>())
        {
            if (Name(f) == text)
            {
                framework = f;
                return true;
            }
        }
        framework = default;
        return false;
    }

    public static IEnumerable<string> Names => Enum.GetValues<Framework>().Select(Name);

    /// <summary>Every grade name <see cref="Label"/> writes, with the grade it stands for.</summary>
    public static IReadOnlyDictionary<string, Grade> GradeNames { get; } = new Dictionary<string, Grade>(StringComparer.Ordinal)
    {
        ["inadequate"] = Grade.Inadequate,
        ["requires_improvement"] = Grade.RequiresImprovement,
        ["adequate"] = Grade.RequiresImprovement,
        ["good"] = Grade.Good,
        ["outstanding"] = Grade.Outstanding,
    };

    /// <summary>The grade's name as the framework wrote it: "adequate" before the single inspection framework.</summary>
    public static string Label(Grade grade, Framework framework) => grade switch
    {
        Grade.Outstanding => "outstanding",
        Grade.Good => "good",
        Grade.RequiresImprovement => framework is Framework.SingleInspection or Framework.Ilacs
            ? "requires_improvement"
            : "adequate",
        Grade.Inadequate => "inadequate",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };
}
