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
    private const int Combinations = 4 * 4 * 4 * 4;
    private readonly double[] _p = new double[Combinations];

    private GradeDistribution(Framework framework) => Framework = framework;

    public Framework Framework { get; }

    private const int Thresholds = 3;
    private const int Cuts = 2 * Thresholds;

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
    public double Overall(Grade grade) => SumOverall(_p, Framework, grade);

    /// <summary>
    /// <c>Of(r, framework, p).Overall(grade)</c>, to the same bits, without the rest of the
    /// distribution: the conditioning asks only this, once per recorded inspection. Pieces of the
    /// leadership score's range that cannot publish <paramref name="grade"/> add nothing to the
    /// combinations the sum reads, so their normal CDFs are not computed; every combination it does
    /// read gets the same terms in the same order as in the whole distribution.
    /// </summary>
    public static double OverallProbability(ServiceReport r, Framework framework, InspectionParameters p, Grade grade) =>
        OverallProbability(Inspector.HelpAndProtectionQuality(r), Inspector.ChildrenInCareQuality(r, p), r.Leadership, r.RecordsAccuracy, framework, p, grade);

    /// <inheritdoc cref="OverallProbability(ServiceReport, Framework, InspectionParameters, Grade)"/>
    public static double OverallProbability(
        double helpQuality, double careQuality, double leadership, double recordsAccuracy, Framework framework, InspectionParameters p, Grade grade)
    {
        Span<double> masses = stackalloc double[Combinations];
        masses.Clear();
        Accumulate(helpQuality, careQuality, leadership, recordsAccuracy, framework, p, masses, grade);
        return SumOverall(masses, framework, grade);
    }

    private static double SumOverall(ReadOnlySpan<double> masses, Framework framework, Grade grade)
    {
        var total = 0.0;
        for (var o = 1; o <= 4; o++)
        for (var h = 1; h <= 4; h++)
        for (var c = 1; c <= 4; c++)
        for (var l = 1; l <= 4; l++)
        {
            var p = masses[Index((Grade)o, (Grade)h, (Grade)c, (Grade)l)];
            var published = framework == Framework.UnannouncedChildProtection ? h : o;
            if (p > 0 && published == (int)grade) total += p;
        }
        return total;
    }

    /// <summary>
    /// Whether <see cref="Inspector.GradesOf"/> can give <paramref name="overall"/> with these help and
    /// care grades, whatever the leadership score: overall is inadequate whenever help is, and at most
    /// one grade above the weakest of the three, so above one grade over the weaker of help and care.
    /// </summary>
    private static bool OverallCanBe(Grade overall, Grade help, Grade care) =>
        help == Grade.Inadequate ? overall == Grade.Inadequate : overall <= Grades.OneAbove(Grades.Min(help, care));

    /// <summary>
    /// Sorts the six cuts ascending, carrying each one's threshold index: an insertion sort, cheaper
    /// than a general sort for six. The values come out as <c>Span.Sort</c> orders them (NaN first,
    /// as <see cref="double.CompareTo(double)"/>), and without NaN so do the indices; with NaN (only
    /// reachable with a leadership weight of 0, below its range) equal cuts' indices may differ, as
    /// they may with <c>Span.Sort</c>, which moves NaNs first. The sum treats equal cuts as one.
    /// </summary>
    internal static void SortCuts(Span<double> cuts, Span<int> thresholdOf)
    {
        for (var i = 1; i < cuts.Length; i++)
        {
            var cut = cuts[i];
            var threshold = thresholdOf[i];
            var j = i - 1;
            while (j >= 0 && cuts[j].CompareTo(cut) > 0)
            {
                cuts[j + 1] = cuts[j];
                thresholdOf[j + 1] = thresholdOf[j];
                j--;
            }
            cuts[j + 1] = cut;
            thresholdOf[j + 1] = threshold;
        }
    }

    private static void Masses(double quality, int n, Span<double> masses)
    {
        var q = Math.Clamp(quality, 0, 1);
        for (var k = 0; k <= n; k++) masses[k] = Binomial.PMF(q, n, k);
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
        Accumulate(helpQuality, careQuality, leadership, recordsAccuracy, framework, p, d._p, only: null);
        return d;
    }

    /// <summary>
    /// Adds each combination's probability into <paramref name="into"/>: every combination, or
    /// (with <paramref name="only"/>) those that publish that grade, each to the same bits.
    /// </summary>
    private static void Accumulate(
        double helpQuality, double careQuality, double leadership, double recordsAccuracy, Framework framework,
        InspectionParameters p, Span<double> into, Grade? only)
    {
        var n = Math.Max(1, (int)Math.Round(p.SampleCases));
        var practiceWeight = Math.Max(0, 1 - p.LeadershipOwnWeight - p.LeadershipKnowledgeWeight);
        var leadBase = p.LeadershipOwnWeight * leadership + p.LeadershipKnowledgeWeight * recordsAccuracy;
        ReadOnlySpan<double> thresholds = [p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold];

        var helpMass = n < 256 ? stackalloc double[n + 1] : new double[n + 1];
        var careMass = n < 256 ? stackalloc double[n + 1] : new double[n + 1];
        Masses(helpQuality, n, helpMass);
        Masses(careQuality, n, careMass);
        // The leadership score's cumulative probability at a cut, as Normal.CDF gives it. The
        // grade thresholds are cuts for every care sample, so their values are computed once per
        // help sample and reused: the same function of the same arguments, so the same bits.
        double Cumulative(double leadMean, double upper) => p.LeadershipNoise > 0
            ? (double.IsPositiveInfinity(upper) ? 1 : Normal.CDF(leadMean, p.LeadershipNoise, upper))
            : (leadMean < upper ? 1 : 0);
        Span<double> atThreshold = stackalloc double[Thresholds];
        Span<double> cuts = stackalloc double[Cuts];
        // Which threshold a cut is (its index), or -1 for a cut that moves with the samples.
        Span<int> cutThreshold = stackalloc int[Cuts];
        // The pieces of the leadership score's range between cuts: upper end, the threshold it ends
        // at (-1 for a moving cut or the open end), its combination of grades and whether the sum wants it.
        Span<double> uppers = stackalloc double[Cuts + 1];
        Span<int> upperThreshold = stackalloc int[Cuts + 1];
        Span<int> combination = stackalloc int[Cuts + 1];
        Span<bool> wanted = stackalloc bool[Cuts + 1];
        var publishesHelp = framework == Framework.UnannouncedChildProtection;
        // With a positive leadership weight the overall grade cannot fall as the leadership score
        // rises (every part of Inspector.GradesOf is non-decreasing in it), so once a piece's overall
        // grade passes the one wanted, no later piece of that pair is wanted.
        var overallRises = p.LeadershipWeight > 0;
        for (var kh = 0; kh <= n; kh++)
        {
            var ph = helpMass[kh];
            if (ph < 1e-9) continue;
            var help = kh / (double)n;
            var helpGrade = Grades.FromScore(help, p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold);
            // Help and protection's grade is Inspector.GradesOf's for these scores exactly; when it
            // is what the framework publishes and it is not the grade wanted, no piece is wanted.
            if (only is { } wantedHelp && publishesHelp && helpGrade != wantedHelp) continue;
            var leadMean = leadBase + practiceWeight * help;
            for (var t = 0; t < Thresholds; t++) atThreshold[t] = Cumulative(leadMean, thresholds[t]);
            for (var kc = 0; kc <= n; kc++)
            {
                var pc = careMass[kc];
                if (pc < 1e-9) continue;
                var care = kc / (double)n;
                if (only is { } wantedOverall && !publishesHelp && !OverallCanBe(wantedOverall, helpGrade, Grades.FromScore(care, p.AdequateThreshold, p.GoodThreshold, p.OutstandingThreshold)))
                    continue;

                // Break the leadership score's range where either its own grade or the overall
                // grade changes; within each piece both are constant. (Cuts of equal value are
                // one cut, so their order after sorting does not matter.)
                for (var t = 0; t < Thresholds; t++)
                {
                    cuts[2 * t] = thresholds[t];
                    cutThreshold[2 * t] = t;
                    cuts[2 * t + 1] = (thresholds[t] - p.HelpWeight * help - p.CareWeight * care) / p.LeadershipWeight;
                    cutThreshold[2 * t + 1] = -1;
                }
                SortCuts(cuts, cutThreshold);
                var pieces = 0;
                var anyWanted = false;
                var lower = double.NegativeInfinity;
                for (var i = 0; i <= Cuts; i++)
                {
                    var upper = i < Cuts ? cuts[i] : double.PositiveInfinity;
                    if (upper <= lower) continue;
                    var mid = double.IsNegativeInfinity(lower) ? upper - 1 : double.IsPositiveInfinity(upper) ? lower + 1 : (lower + upper) / 2;
                    var (o, h, c, l) = Inspector.GradesOf(new Inspector.Scores(help, care, mid), p);
                    uppers[pieces] = upper;
                    upperThreshold[pieces] = i < Cuts ? cutThreshold[i] : -1;
                    combination[pieces] = Index(o, h, c, l);
                    wanted[pieces] = only is not { } grade || (publishesHelp ? h : o) == grade;
                    anyWanted |= wanted[pieces];
                    pieces++;
                    lower = upper;
                    if (only is { } passed && !publishesHelp && overallRises && o > passed) break;
                }
                if (!anyWanted) continue;

                // A piece's mass is the cumulative probability at its upper end less that at the
                // previous piece's (0 before the first); each is computed only if a wanted piece needs it.
                var below = 0.0;
                var belowOf = -1;
                for (var j = 0; j < pieces; j++)
                {
                    if (!wanted[j]) continue;
                    if (belowOf != j - 1)
                    {
                        below = j == 0 ? 0.0
                            : upperThreshold[j - 1] >= 0 ? atThreshold[upperThreshold[j - 1]]
                            : Cumulative(leadMean, uppers[j - 1]);
                    }
                    var cumulative = upperThreshold[j] >= 0 ? atThreshold[upperThreshold[j]] : Cumulative(leadMean, uppers[j]);
                    var mass = cumulative - below;
                    if (mass > 1e-12) into[combination[j]] += ph * pc * mass;
                    below = cumulative;
                    belowOf = j;
                }
            }
        }
    }
}
