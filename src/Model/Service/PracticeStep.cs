using Simulation.Model.Parameters;
using Simulation.Model.Randomness;

namespace Simulation.Model.Service;

/// <summary>The conditions practice quality is pulled by.</summary>
public readonly record struct PracticePressures(
    double EffectiveCaseload,
    double AgencyShare,
    double MeanTenureYears,
    double Leadership,
    double Culture,
    double Oversight,
    double Support,
    double Disruption,
    bool RunByTrust,
    double Local = 0);

/// <summary>
/// Practice quality: a slow state that moves towards a target set by the conditions social workers
/// work in. Improvement is slower than decline.
/// </summary>
public static class PracticeStep
{
    /// <summary>The target's logit: the weighted sum of pressures (docs/ODD.md, "Practice").</summary>
    public static double TargetLogit(in PracticePressures x, PracticeParameters p, WorkforceParameters w)
    {
        // Caseloads below the norm help a little, above it they hurt fully.
        var load = x.EffectiveCaseload / w.CaseloadNorm - 1;
        var caseloadTerm = load > 0 ? load : 0.25 * load;
        return p.Bias
            - p.CaseloadWeight * caseloadTerm
            - p.AgencyWeight * (x.AgencyShare - p.ReferenceAgencyShare)
            + p.TenureWeight * (x.MeanTenureYears - 5) / 5
            + p.LeadershipWeight * (x.Leadership - 0.5)
            + p.CultureWeight * (x.Culture - 0.5)
            + p.OversightWeight * (x.Oversight - 0.5)
            + p.SupportWeight * x.Support
            - p.DisruptionWeight * x.Disruption
            - (x.RunByTrust ? p.FragmentationPenalty : 0)
            + p.LocalWeight * x.Local;
    }

    public static double Target(in PracticePressures x, PracticeParameters p, WorkforceParameters w) =>
        Logistic(TargetLogit(x, p, w));

    /// <summary>One month: quality moves a step towards the target; culture towards practice and leadership; IT damage heals.</summary>
    public static PracticeState Advance(
        PracticeState s, double target, double leadership, PracticeParameters p, CounterRandom rng)
    {
        // A culture of failure resists improvement; decline needs no help.
        var tau = target > s.Quality
            ? p.ImprovementMonths * Math.Exp(p.CultureResistance * (0.5 - s.Culture))
            : p.DeclineMonths;
        var quality = s.Quality + (target - s.Quality) / tau + Draw.Normal(rng, 0, p.Noise);
        var culture = s.Culture + ((s.Quality + leadership) / 2 - s.Culture) / p.CultureMonths;
        var heal = 1 / p.ItRecoveryMonths;
        return new PracticeState(
            Quality: Math.Clamp(quality, 0.01, 0.99),
            Culture: Math.Clamp(culture, 0, 1),
            RecordsAccuracy: Math.Min(1, s.RecordsAccuracy + (1 - s.RecordsAccuracy) * heal),
            WorkaroundShare: Math.Max(0, s.WorkaroundShare * (1 - heal)));
    }

    /// <summary>A badly implemented case-management system: records become inaccurate and workarounds take time.</summary>
    public static PracticeState ItFailure(PracticeState s, double severity, PracticeParameters p) => s with
    {
        RecordsAccuracy = Math.Clamp(s.RecordsAccuracy - severity * p.ItAccuracyLoss, 0, 1),
        WorkaroundShare = Math.Clamp(s.WorkaroundShare + severity * p.ItWorkaroundShare, 0, 0.9),
    };

    /// <summary>A clean break: culture moves part of the way to the level a new organisation starts from.</summary>
    public static PracticeState CleanBreak(PracticeState s, double share, double level) => s with
    {
        Culture = s.Culture + (level - s.Culture) * Math.Clamp(share, 0, 1),
    };

    public static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    public static double Logit(double p)
    {
        p = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(p / (1 - p));
    }
}
