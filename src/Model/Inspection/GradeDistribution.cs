using MathNet.Numerics.Distributions;
using Simulation.Model.Parameters;
using Simulation.Model.Service;

namespace Simulation.Model.Inspection;

/// <summary>
/// The exact probability of every combination of grades an inspection of a given state could
/// give: the inspector's two binomial case samples and its normally distributed leadership noise,
/// summed over exactly rather than sampled. Used where a smooth measure is needed (calibration)
/// and to ask what an inspection would have found in a month with none.
/// </summary>
public sealed class GradeDistribution
{
    private readonly double[] _p = new double[4 * 4 * 4 * 4];

    private GradeDistribution(Framework framework) => Framework = framework;

    public Framework Framework { get; }

    private static int Index(Grade overall, Grade help, Grade care, Grade lead) =>
        (((int)overall - 1) * 4 + (int)help - 1) * 16 + ((int)care - 1) * 4 + (int)lead - 1;

    /// <summary>Probability that an inspection's published judgement satisfies <paramref name="predicate"/>.</summary>
    public double Probability(Func<Judgement, bool> predicate)
    {
        var total = 0.0;
        foreach (var o in Enum.GetValues<Grade>())
        foreach (var h in Enum.GetValues<Grade>())
        foreach (var c in Enum.GetValues<Grade>())
        foreach (var l in Enum.GetValues<Grade>())
        {
            var p = _p[Index(o, h, c, l)];
            if (p > 0 && predicate(Publish(o, h, c, l))) total += p;
        }
        return total;
    }

    /// <summary>
    /// Probability of an overall grade: <see cref="Probability"/> with that predicate, summed in the
    /// same order (so to the same bits) without publishing a judgement per combination.
    /// </summary>
    public double Overall(Grade grade)
    {
        var total = 0.0;
        for (var o = 1; o <= 4; o++)
        for (var h = 1; h <= 4; h++)
        for (var c = 1; c <= 4; c++)
        for (var l = 1; l <= 4; l++)
        {
            var p = _p[Index((Grade)o, (Grade)h, (Grade)c, (Grade)l)];
            var published = Framework == Framework.UnannouncedChildProtection ? h : o;
            if (p > 0 && published == (int)grade) total += p;
        }
        return total;
    }

    private static double[] Masses(double quality, int n)
    {
        var q = Math.Clamp(quality, 0, 1);
        var masses = new double[n + 1];
        for (var k = 0; k <= n; k++) masses[k] = Binomial.PMF(q, n, k);
        return masses;
    }

    private Judgement Publish(Grade o, Grade h, Grade c, Grade l) => Framework switch
    {
        Framework.AnnualAssessment => new Judgement("", default, Framework, o, null, null, null),
        Framework.UnannouncedChildProtection => new Judgement("", default, Framework, h, h, null, null),
        Framework.SafeguardingAndLookedAfter => new Judgement("", default, Framework, o, h, c, null),
        _ => new Judgement("", default, Framework, o, h, c, l),
    };

    public static GradeDistribution Of(ServiceReport r, Framework framework, InspectionParameters p) =>
        Of(Inspector.HelpAndProtectionQuality(r), Inspector.ChildrenInCareQuality(r, p), r.Leadership, r.RecordsAccuracy, framework, p);

    public static GradeDistribution Of(
        double helpQuality, double careQuality, double leadership, double recordsAccuracy, Framework framework, InspectionParameters p)
    {
        var d = new GradeDistribution(framework);
        var n = Math.Max(1, (int)Math.Round(p.SampleCases));
        var practiceWeight = Math.Max(0, 1 - p.LeadershipOwnWeight - p.LeadershipKnowledgeWeight);
        var leadBase = p.LeadershipOwnWeight * leadership + p.LeadershipKnowledgeWeight * recordsAccuracy;
        var thresholds = new[] { p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold };

        var helpMass = Masses(helpQuality, n);
        var careMass = Masses(careQuality, n);
        // The leadership score's cumulative probability at a cut, as Normal.CDF gives it. The
        // grade thresholds are cuts for every care sample, so their values are computed once per
        // help sample and reused: the same function of the same arguments, so the same bits.
        double Cumulative(double leadMean, double upper) => p.LeadershipNoise > 0
            ? (double.IsPositiveInfinity(upper) ? 1 : Normal.CDF(leadMean, p.LeadershipNoise, upper))
            : (leadMean < upper ? 1 : 0);
        var atThreshold = new double[thresholds.Length];
        var cuts = new double[2 * thresholds.Length];
        // Which threshold a cut is (its index), or -1 for a cut that moves with the samples.
        var cutThreshold = new int[cuts.Length];
        for (var kh = 0; kh <= n; kh++)
        {
            var ph = helpMass[kh];
            if (ph < 1e-9) continue;
            var help = kh / (double)n;
            var leadMean = leadBase + practiceWeight * help;
            for (var t = 0; t < thresholds.Length; t++) atThreshold[t] = Cumulative(leadMean, thresholds[t]);
            for (var kc = 0; kc <= n; kc++)
            {
                var pc = careMass[kc];
                if (pc < 1e-9) continue;
                var care = kc / (double)n;

                // Break the leadership score's range where either its own grade or the overall
                // grade changes; within each piece both are constant. (Cuts of equal value are
                // one cut, so their order after sorting does not matter.)
                for (var t = 0; t < thresholds.Length; t++)
                {
                    cuts[2 * t] = thresholds[t];
                    cutThreshold[2 * t] = t;
                    cuts[2 * t + 1] = (thresholds[t] - p.HelpWeight * help - p.CareWeight * care) / p.LeadershipWeight;
                    cutThreshold[2 * t + 1] = -1;
                }
                Array.Sort(cuts, cutThreshold);
                var lower = double.NegativeInfinity;
                var below = 0.0;
                for (var i = 0; i <= cuts.Length; i++)
                {
                    var upper = i < cuts.Length ? cuts[i] : double.PositiveInfinity;
                    if (upper <= lower) continue;
                    var cumulative = i < cuts.Length && cutThreshold[i] >= 0 ? atThreshold[cutThreshold[i]] : Cumulative(leadMean, upper);
                    var mass = cumulative - below;
                    below = cumulative;
                    if (mass > 1e-12)
                    {
                        var mid = double.IsNegativeInfinity(lower) ? upper - 1 : double.IsPositiveInfinity(upper) ? lower + 1 : (lower + upper) / 2;
                        var (o, h, c, l) = Inspector.GradesOf(new Inspector.Scores(help, care, mid), p);
                        d._p[Index(o, h, c, l)] += ph * pc * mass;
                    }
                    lower = upper;
                }
            }
        }
        return d;
    }
}
