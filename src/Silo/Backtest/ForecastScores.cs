using System.Globalization;
using Simulation.Model.Inspection;
using Simulation.Model.Time;

namespace Simulation.Silo.Backtest;

/// <summary>
/// One graded overall judgement in the inspection record: the council, the month it was published and the
/// overall grade. The record is the ground truth that forecasts are scored against and that the baselines
/// (<see cref="Baselines"/>) are estimated from.
/// </summary>
/// <param name="Council">The council's identifier, compared ordinally.</param>
/// <param name="Month">The month of the judgement.</param>
/// <param name="Overall">The overall grade.</param>
public sealed record RecordedJudgement(string Council, Month Month, Grade Overall);

/// <summary>
/// Proper scores for a probabilistic forecast of one inspection grade. A forecast is a vector of four
/// probabilities indexed by <c>(int)grade - 1</c> (index 0 = inadequate, 1 = requires improvement, 2 = good,
/// 3 = outstanding); every member checks that it has four finite, non-negative entries summing to 1 (within
/// 1e-6). All scores are negatively oriented: lower is better.
/// </summary>
public static class ForecastScores
{
    /// <summary>Number of grades, K.</summary>
    internal const int Categories = 4;

    /// <summary>How far a forecast's probabilities may sum from 1 (rounding in products and shares).</summary>
    private const double SumTolerance = 1e-6;

    /// <summary>
    /// The weight of the uniform distribution mixed into every forecast before <see cref="LogScore"/> takes its
    /// logarithm: the score uses <c>p' = (1 - 4 × LogFloor) × p + LogFloor</c>, so no grade has probability below
    /// <c>LogFloor</c> (0.0025) and a point forecast that misses scores <c>-ln 0.0025 ≈ 5.99</c> rather than
    /// infinity. Every forecaster — the model and every baseline alike — is scored with this same floor, so the
    /// comparison between them is fair; the floor only matters for forecasts that put (near) zero on what happened.
    /// </summary>
    public const double LogFloor = 0.0025;

    /// <summary>
    /// Ranked probability score for the K = 4 ordered grades:
    /// <c>RPS = (1 / (K - 1)) × Σ_{k=1..K-1} (F_k - O_k)²</c>, where <c>F_k = Σ_{j≤k} p_j</c> is the forecast's
    /// cumulative probability of grade k or worse and <c>O_k</c> is the observation's cumulative step (1 when the
    /// observed grade is k or worse, else 0); the last cumulative (k = K) is 1 for both and omitted. Dividing by
    /// K - 1 = 3 puts the score in [0, 1]: 0 for a point forecast of the observed grade, 1 for a point forecast of
    /// the opposite end of the scale. Unlike the log score it rewards forecasts that miss by one grade over those
    /// that miss by three.
    /// </summary>
    /// <param name="p">The forecast: four probabilities, inadequate first.</param>
    /// <param name="observed">The grade given.</param>
    /// <returns>The score in [0, 1]; lower is better.</returns>
    public static double Rps(ReadOnlySpan<double> p, Grade observed)
    {
        Validate(p);
        var o = Index(observed);
        var f = 0.0;
        var sum = 0.0;
        for (var k = 0; k < Categories - 1; k++)
        {
            f += p[k];
            var step = o <= k ? 1.0 : 0.0;
            sum += (f - step) * (f - step);
        }
        return sum / (Categories - 1);
    }

    /// <summary>
    /// The log score in its ignorance form: <c>-ln p'[observed]</c>, where <c>p' = (1 - 4 × LogFloor) × p + LogFloor</c>
    /// is the forecast mixed with a small weight of the uniform distribution (see <see cref="LogFloor"/>). The
    /// mixing keeps a uniform forecast uniform, so it scores exactly <c>ln 4</c>; a point forecast scores
    /// <c>-ln(1 - 3 × LogFloor)</c> when it hits and <c>-ln LogFloor</c> when it misses. Natural logarithm (nats).
    /// </summary>
    /// <param name="p">The forecast: four probabilities, inadequate first.</param>
    /// <param name="observed">The grade given.</param>
    /// <returns>The score in [-ln(1 - 3 × LogFloor), -ln LogFloor]; lower is better.</returns>
    public static double LogScore(ReadOnlySpan<double> p, Grade observed)
    {
        Validate(p);
        var mixed = (1 - Categories * LogFloor) * p[Index(observed)] + LogFloor;
        return -Math.Log(mixed);
    }

    /// <summary>
    /// The grade with the highest forecast probability. When two or more grades share the highest probability
    /// (exactly equal values), the worse grade — the lower enum value, inadequate before outstanding — is returned,
    /// so a forecaster gets no credit for an undecided forecast by an optimistic tie-break.
    /// </summary>
    /// <param name="p">The forecast: four probabilities, inadequate first.</param>
    /// <returns>The modal grade, ties towards the worse grade.</returns>
    public static Grade MostLikely(ReadOnlySpan<double> p)
    {
        Validate(p);
        var best = 0;
        for (var k = 1; k < Categories; k++)
            if (p[k] > p[best]) best = k;
        return (Grade)(best + 1);
    }

    /// <summary>The point forecast of one grade: probability 1 at index <c>(int)g - 1</c>, 0 elsewhere. A new array.</summary>
    /// <param name="g">The grade forecast with certainty.</param>
    /// <returns>Four probabilities, inadequate first.</returns>
    public static double[] PointMass(Grade g)
    {
        var p = new double[Categories];
        p[Index(g)] = 1.0;
        return p;
    }

    /// <summary>The forecast index of a grade, <c>(int)g - 1</c>; rejects values outside the enum.</summary>
    internal static int Index(Grade g) =>
        g is >= Grade.Inadequate and <= Grade.Outstanding
            ? (int)g - 1
            : throw new ArgumentOutOfRangeException(nameof(g), g, "grade must be Inadequate..Outstanding");

    /// <summary>Rejects anything but four finite, non-negative probabilities summing to 1.</summary>
    internal static void Validate(ReadOnlySpan<double> p)
    {
        if (p.Length != Categories)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"a forecast has {Categories} probabilities, not {p.Length}"), nameof(p));
        var sum = 0.0;
        foreach (var x in p)
        {
            if (!double.IsFinite(x) || x < 0)
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"a forecast probability must be finite and non-negative, not {x}"), nameof(p));
            sum += x;
        }
        if (Math.Abs(sum - 1) > SumTolerance)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"a forecast's probabilities must sum to 1, not {sum:R}"), nameof(p));
    }
}

/// <summary>
/// Reference forecasts estimated from the inspection record alone, using only judgements at or before a cutoff
/// month (what was known when the forecast was made). Each returns new arrays of four probabilities, inadequate
/// first. Judgements of one council in the same month are ordered as they come in the record.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// The latest graded judgement of each council with <c>Month ≤ cutoff</c>: council → grade. Councils with no
    /// judgement by the cutoff are absent. When a council has two judgements in its latest month, the later one in
    /// the record wins.
    /// </summary>
    /// <param name="record">The inspection record, in any order.</param>
    /// <param name="cutoff">The last month whose judgements are known (inclusive).</param>
    /// <returns>Each council's last known grade, keyed ordinally.</returns>
    public static IReadOnlyDictionary<string, Grade> LatestAt(IEnumerable<RecordedJudgement> record, Month cutoff)
    {
        var latest = new Dictionary<string, RecordedJudgement>(StringComparer.Ordinal);
        foreach (var j in record)
        {
            if (j.Month > cutoff) continue;
            ForecastScores.Index(j.Overall);
            if (!latest.TryGetValue(j.Council, out var known) || j.Month >= known.Month) latest[j.Council] = j;
        }
        return latest.ToDictionary(kv => kv.Key, kv => kv.Value.Overall, StringComparer.Ordinal);
    }

    /// <summary>
    /// Climatology: the national shares of each grade among the councils' latest grades at the cutoff
    /// (<see cref="LatestAt"/>), one council one vote: <c>p_g = (councils whose latest grade is g) / (councils with
    /// any grade)</c>. Uniform (0.25 each) when no council has a judgement by the cutoff.
    /// </summary>
    /// <param name="record">The inspection record, in any order.</param>
    /// <param name="cutoff">The last month whose judgements are known (inclusive).</param>
    /// <returns>Four probabilities, inadequate first.</returns>
    public static double[] Climatology(IEnumerable<RecordedJudgement> record, Month cutoff) =>
        Shares(LatestAt(record, cutoff).Values);

    /// <summary>
    /// Persistence: the council keeps its last known grade — <see cref="ForecastScores.PointMass"/> of its latest
    /// judgement at or before the cutoff. A council with no judgement by the cutoff gets the
    /// <see cref="Climatology"/> vector instead.
    /// </summary>
    /// <param name="record">The inspection record, in any order.</param>
    /// <param name="cutoff">The last month whose judgements are known (inclusive).</param>
    /// <param name="council">The council forecast (compared ordinally).</param>
    /// <returns>Four probabilities, inadequate first.</returns>
    public static double[] Persistence(IEnumerable<RecordedJudgement> record, Month cutoff, string council)
    {
        var list = record as IReadOnlyCollection<RecordedJudgement> ?? record.ToList();
        return LatestAt(list, cutoff).TryGetValue(council, out var g) ? ForecastScores.PointMass(g) : Climatology(list, cutoff);
    }

    /// <summary>
    /// A first-order Markov chain over grades, estimated by counting: entry <c>[from, to]</c> (indices
    /// <c>(int)grade - 1</c>) is the share of transitions out of grade <c>from</c> that went to grade <c>to</c>.
    /// Transitions are consecutive pairs of judgements of the same council, taken in month order, where both
    /// judgements are at or before the cutoff — a pair whose second judgement is after the cutoff does not count,
    /// and no pair links two councils. Rows sum to 1. A row with no observed transitions (a grade no council
    /// has yet moved on from) is the <see cref="Climatology"/> vector at the cutoff. No smoothing otherwise: an
    /// unobserved transition out of an observed grade has probability exactly 0.
    /// </summary>
    /// <param name="record">The inspection record, in any order.</param>
    /// <param name="cutoff">The last month whose judgements are known (inclusive).</param>
    /// <returns>A new 4 × 4 matrix; row = from grade, column = to grade.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1814:Prefer jagged arrays over multidimensional",
        Justification = "A square transition matrix; the shape is the point.")]
    public static double[,] TransitionMatrix(IEnumerable<RecordedJudgement> record, Month cutoff)
    {
        var list = record as IReadOnlyCollection<RecordedJudgement> ?? record.ToList();
        const int k = ForecastScores.Categories;
        var counts = new double[k, k];
        foreach (var council in list.Where(j => j.Month <= cutoff).GroupBy(j => j.Council, StringComparer.Ordinal))
        {
            RecordedJudgement? previous = null;
            foreach (var j in council.OrderBy(j => j.Month))
            {
                if (previous is not null)
                    counts[ForecastScores.Index(previous.Overall), ForecastScores.Index(j.Overall)] += 1;
                previous = j;
            }
        }
        double[]? climatology = null;
        for (var from = 0; from < k; from++)
        {
            var total = 0.0;
            for (var to = 0; to < k; to++) total += counts[from, to];
            if (total > 0)
            {
                for (var to = 0; to < k; to++) counts[from, to] /= total;
            }
            else
            {
                climatology ??= Climatology(list, cutoff);
                for (var to = 0; to < k; to++) counts[from, to] = climatology[to];
            }
        }
        return counts;
    }

    /// <summary>
    /// The Markov forecast of the grade <paramref name="steps"/> inspections after the last known one: the row
    /// vector <c>v₀ × M^steps</c>, where <c>v₀</c> is <see cref="ForecastScores.PointMass"/> of
    /// <paramref name="lastKnown"/>, or <paramref name="climatology"/> when the council has no known grade, and
    /// <c>M</c> is <paramref name="matrix"/> (as from <see cref="TransitionMatrix"/>).
    /// </summary>
    /// <param name="matrix">The 4 × 4 transition matrix; row = from grade, column = to grade.</param>
    /// <param name="lastKnown">The council's last known grade, or null when it has none.</param>
    /// <param name="climatology">The starting vector when <paramref name="lastKnown"/> is null (four probabilities).</param>
    /// <param name="steps">How many inspections ahead the target is: 1 for the first inspection after the last known
    /// one, 2 for the second, and so on; at least 1.</param>
    /// <returns>Four probabilities, inadequate first.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1814:Prefer jagged arrays over multidimensional",
        Justification = "A square transition matrix; the shape is the point.")]
    public static double[] Markov(double[,] matrix, Grade? lastKnown, double[] climatology, int steps)
    {
        const int k = ForecastScores.Categories;
        if (matrix.GetLength(0) != k || matrix.GetLength(1) != k)
            throw new ArgumentException("the transition matrix must be 4 x 4", nameof(matrix));
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        double[] v;
        if (lastKnown is { } g)
        {
            v = ForecastScores.PointMass(g);
        }
        else
        {
            ForecastScores.Validate(climatology);
            v = (double[])climatology.Clone();
        }
        for (var s = 0; s < steps; s++)
        {
            var next = new double[k];
            for (var from = 0; from < k; from++)
                for (var to = 0; to < k; to++)
                    next[to] += v[from] * matrix[from, to];
            v = next;
        }
        return v;
    }

    /// <summary>The share of each grade among the given grades; uniform when there are none.</summary>
    private static double[] Shares(IEnumerable<Grade> grades)
    {
        var p = new double[ForecastScores.Categories];
        var n = 0;
        foreach (var g in grades)
        {
            p[ForecastScores.Index(g)] += 1;
            n++;
        }
        for (var i = 0; i < p.Length; i++) p[i] = n == 0 ? 1.0 / ForecastScores.Categories : p[i] / n;
        return p;
    }
}

/// <summary>One forecast with its outcome, ready to score.</summary>
/// <param name="Forecaster">Who made it: the model or a baseline's name.</param>
/// <param name="Council">The council forecast.</param>
/// <param name="Month">The month of the judgement forecast.</param>
/// <param name="Observed">The grade given.</param>
/// <param name="P">The forecast: four probabilities, inadequate first.</param>
public sealed record ScoredForecast(string Forecaster, string Council, Month Month, Grade Observed, double[] P);

/// <summary>One forecaster's scores averaged over its forecasts.</summary>
/// <param name="Forecaster">The forecaster's name.</param>
/// <param name="Count">How many forecasts it made.</param>
/// <param name="MeanRps">The mean of <see cref="ForecastScores.Rps"/> over its forecasts (lower is better).</param>
/// <param name="MeanLogScore">The mean of <see cref="ForecastScores.LogScore"/> over its forecasts, nats (lower is better).</param>
/// <param name="Accuracy">The share of its forecasts whose <see cref="ForecastScores.MostLikely"/> grade was the one given.</param>
public sealed record ForecasterSummary(string Forecaster, int Count, double MeanRps, double MeanLogScore, double Accuracy);

/// <summary>One row of a reliability table: the forecast probabilities that fell in one bin, and how often the event happened.</summary>
/// <param name="Forecaster">The forecaster's name.</param>
/// <param name="Lower">The bin's lower bound, inclusive.</param>
/// <param name="Upper">The bin's upper bound, exclusive except for the last bin, which includes 1.</param>
/// <param name="Count">How many (forecast, grade) probabilities fell in the bin.</param>
/// <param name="MeanForecast">Their mean; NaN when <paramref name="Count"/> is 0.</param>
/// <param name="ObservedFrequency">The share of them whose grade was the one given; NaN when <paramref name="Count"/> is 0.</param>
public sealed record ReliabilityBin(string Forecaster, double Lower, double Upper, int Count, double MeanForecast, double ObservedFrequency);

/// <summary>Summaries of many scored forecasts: mean scores, skill against a baseline, and reliability.</summary>
public static class ForecastSummary
{
    /// <summary>
    /// Per forecaster, in order of first appearance in <paramref name="forecasts"/>: the number of forecasts, the mean
    /// <see cref="ForecastScores.Rps"/>, the mean <see cref="ForecastScores.LogScore"/>, and the accuracy — the share
    /// of forecasts whose <see cref="ForecastScores.MostLikely"/> grade (ties towards the worse grade) equals the
    /// observed grade.
    /// </summary>
    /// <param name="forecasts">The scored forecasts of every forecaster.</param>
    /// <returns>One summary per forecaster.</returns>
    public static IReadOnlyList<ForecasterSummary> Summarise(IEnumerable<ScoredForecast> forecasts) =>
        forecasts
            .GroupBy(f => f.Forecaster, StringComparer.Ordinal)
            .Select(g =>
            {
                var n = 0;
                double rps = 0, log = 0, hits = 0;
                foreach (var f in g)
                {
                    n++;
                    rps += ForecastScores.Rps(f.P, f.Observed);
                    log += ForecastScores.LogScore(f.P, f.Observed);
                    if (ForecastScores.MostLikely(f.P) == f.Observed) hits++;
                }
                return new ForecasterSummary(g.Key, n, rps / n, log / n, hits / n);
            })
            .ToList();

    /// <summary>
    /// The skill score of a mean RPS against a baseline's: <c>1 - rps / rpsBaseline</c>. 1 is perfect, 0 is no
    /// better than the baseline, negative is worse. NaN when the baseline's RPS is 0 (it cannot be improved on).
    /// </summary>
    /// <param name="rps">The forecaster's mean RPS.</param>
    /// <param name="rpsBaseline">The baseline's mean RPS over the same forecasts.</param>
    /// <returns>The skill score, or NaN.</returns>
    public static double Skill(double rps, double rpsBaseline) =>
        rpsBaseline == 0 ? double.NaN : 1 - rps / rpsBaseline;

    /// <summary>
    /// A reliability table. For each forecaster (in order of first appearance), every forecast contributes four
    /// (probability, outcome) pairs, one per grade g: the forecast probability <c>p[g]</c> and the outcome 1 if the
    /// observed grade is g, else 0. The probabilities are binned into <paramref name="bins"/> bins of equal width over
    /// [0, 1]: bin i covers <c>[i / bins, (i + 1) / bins)</c>, the bounds compared as doubles, and the last bin also
    /// includes 1. Each bin gives the count of pairs, their mean probability and the share with outcome 1 (both NaN
    /// when the count is 0). Every bin is emitted, empty or not, in increasing order, so each forecaster has exactly
    /// <paramref name="bins"/> rows. A reliable forecaster's observed frequency is close to its mean forecast.
    /// </summary>
    /// <param name="forecasts">The scored forecasts of every forecaster.</param>
    /// <param name="bins">The number of bins, at least 1; 10 (width 0.1) by default.</param>
    /// <returns>Bins × forecasters rows, grouped by forecaster.</returns>
    public static IReadOnlyList<ReliabilityBin> Reliability(IEnumerable<ScoredForecast> forecasts, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var rows = new List<ReliabilityBin>();
        foreach (var g in forecasts.GroupBy(f => f.Forecaster, StringComparer.Ordinal))
        {
            var count = new int[bins];
            var sumP = new double[bins];
            var hits = new double[bins];
            foreach (var f in g)
            {
                ForecastScores.Validate(f.P);
                var observed = ForecastScores.Index(f.Observed);
                for (var k = 0; k < ForecastScores.Categories; k++)
                {
                    var b = Bin(f.P[k], bins);
                    count[b]++;
                    sumP[b] += f.P[k];
                    if (k == observed) hits[b]++;
                }
            }
            for (var i = 0; i < bins; i++)
            {
                rows.Add(new ReliabilityBin(
                    g.Key,
                    Bound(i, bins),
                    Bound(i + 1, bins),
                    count[i],
                    count[i] == 0 ? double.NaN : sumP[i] / count[i],
                    count[i] == 0 ? double.NaN : hits[i] / count[i]));
            }
        }
        return rows;
    }

    /// <summary>The bin of a probability in [0, 1]: the i with <c>Bound(i) ≤ p &lt; Bound(i + 1)</c>, the last bin closed.</summary>
    private static int Bin(double p, int bins)
    {
        var i = Math.Clamp((int)Math.Floor(p * bins), 0, bins - 1);
        // p * bins rounds; settle on the bounds as reported so that placement and the row's bounds agree.
        while (i > 0 && p < Bound(i, bins)) i--;
        while (i < bins - 1 && p >= Bound(i + 1, bins)) i++;
        return i;
    }

    private static double Bound(int i, int bins) => (double)i / bins;
}
