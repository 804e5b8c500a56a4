using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.Inspection;

/// <summary>
/// How an inspection turns the state of a service into grades. The inspector never sees practice
/// quality itself: it audits a sample of cases, each of which shows good practice with the
/// probability the service's quality implies, so its view is noisy. Unallocated cases cannot show
/// good practice. Leadership is judged on leaders' effectiveness, their knowledge of their own
/// service (which can be no better than its records) and the practice they lead.
/// </summary>
public static class Inspector
{
    public readonly record struct Scores(double HelpAndProtection, double ChildrenInCare, double Leadership)
    {
        /// <summary>The overall score: the sub-scores weighted by the inspection parameters.</summary>
        public double Overall(InspectionParameters p) =>
            p.HelpWeight * HelpAndProtection + p.CareWeight * ChildrenInCare + p.LeadershipWeight * Leadership;
    }

    /// <summary>Chance that a sampled help-and-protection case shows good practice.</summary>
    public static double HelpAndProtectionQuality(ServiceReport r) =>
        r.PracticeQuality * (1 - r.UnallocatedShare);

    public static double ChildrenInCareQuality(ServiceReport r, InspectionParameters p) =>
        PracticeStep.Logistic(PracticeStep.Logit(r.PracticeQuality) + p.CareOffset);

    public static Scores Sample(ServiceReport r, InspectionParameters p, CounterRandom rng)
    {
        var n = Math.Max(1, (int)Math.Round(p.SampleCases));
        var help = Draw.Binomial(rng, n, HelpAndProtectionQuality(r)) / (double)n;
        var care = Draw.Binomial(rng, n, ChildrenInCareQuality(r, p)) / (double)n;
        var practiceWeight = Math.Max(0, 1 - p.LeadershipOwnWeight - p.LeadershipKnowledgeWeight);
        var leadership = p.LeadershipOwnWeight * r.Leadership
            + p.LeadershipKnowledgeWeight * r.RecordsAccuracy
            + practiceWeight * help
            + Draw.Normal(rng, 0, p.LeadershipNoise);
        return new Scores(help, care, leadership);
    }

    public static Judgement Judge(ServiceReport r, Month month, Framework framework, InspectionParameters p, CounterRandom rng) =>
        Grade(Sample(r, p, rng), r.Area, month, framework, p);

    /// <summary>
    /// The four grades scores give, by the rules of <see cref="Grade(Scores, string, Month, Framework, InspectionParameters)"/>,
    /// without building a judgement (the exact grade distribution evaluates this thousands of times).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static (Grade Overall, Grade Help, Grade Care, Grade Lead) GradesOf(Scores s, InspectionParameters p)
    {
        var help = Grades.FromScore(s.HelpAndProtection, p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold);
        var care = Grades.FromScore(s.ChildrenInCare, p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold);
        var lead = Grades.FromScore(s.Leadership, p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold);
        var weakest = Grades.Min(help, Grades.Min(care, lead));
        var overall = Grades.Min(Grades.FromScore(s.Overall(p), p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold), Grades.OneAbove(weakest));
        if (help == Inspection.Grade.Inadequate) overall = Inspection.Grade.Inadequate;
        return (overall, help, care, lead);
    }

    /// <summary>
    /// Grades from scores. Overall is graded from the weighted score, then held to at most one grade
    /// above the weakest sub-judgement, and made inadequate whenever help and protection is
    /// inadequate (the single inspection framework's rule, kept by ILACS).
    /// </summary>
    public static Judgement Grade(Scores s, string area, Month month, Framework framework, InspectionParameters p)
    {
        var (overall, help, care, lead) = GradesOf(s, p);
        return framework switch
        {
            Framework.AnnualAssessment => new Judgement(area, month, framework, overall, null, null, null),
            Framework.UnannouncedChildProtection => new Judgement(area, month, framework, help, help, null, null),
            Framework.SafeguardingAndLookedAfter => new Judgement(area, month, framework, overall, help, care, null),
            _ => new Judgement(area, month, framework, overall, help, care, lead),
        };
    }
}
