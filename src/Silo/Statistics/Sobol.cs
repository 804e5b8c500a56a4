using MathNet.Numerics.Random;

namespace Simulation.Silo.Statistics;

/// <summary>
/// A Saltelli (2010) design: matrices A and B of <see cref="BaseSamples"/> (N) rows each over the k
/// factors, and the k matrices AB_i (A with column i taken from B). <see cref="Points"/> are in the
/// factors' units, one row per model evaluation, ordered all A rows, all B rows, then AB_1's rows, …,
/// AB_k's rows: N(k + 2) points.
/// </summary>
public sealed record SaltelliDesign(IReadOnlyList<SensitivityFactor> Factors, int BaseSamples, double[][] Points);

/// <summary>A factor's first-order and total Sobol' indices, each with a bootstrap percentile 95% interval.</summary>
public sealed record SobolIndex(string Factor, double First, double FirstLow95, double FirstHigh95, double Total, double TotalLow95, double TotalHigh95);

/// <summary>Variance-based (Sobol') sensitivity indices from a Saltelli design.</summary>
public static class Sobol
{
    /// <summary>
    /// The Saltelli design of <paramref name="baseSamples"/> base rows. Row j of A is the first k
    /// coordinates and row j of B the next k of point j of a 2k-dimensional Sobol' sequence
    /// (<see cref="SobolSequence"/>, Joe and Kuo's direction numbers, so k ≤ 64), digitally shifted by
    /// words drawn from <paramref name="seed"/> (Mersenne twister): the design is quasi-random, not
    /// independent uniform draws, and deterministic from the seed; another seed gives another
    /// randomisation of the same sequence. A power of two for N keeps the sequence's balance.
    /// </summary>
    public static SaltelliDesign Design(IReadOnlyList<SensitivityFactor> factors, int baseSamples, int seed)
    {
        Sensitivity.Check(factors);
        ArgumentOutOfRangeException.ThrowIfLessThan(baseSamples, 1);
        var k = factors.Count;
        if (2 * k > SobolSequence.MaxDimensions)
            throw new ArgumentException($"a Saltelli design of {k} factors needs {2 * k} Sobol' dimensions and the table carries {SobolSequence.MaxDimensions}", nameof(factors));
        var rng = new MersenneTwister(seed, threadSafe: false);
        var shift = new uint[2 * k];
        for (var d = 0; d < shift.Length; d++) shift[d] = (uint)rng.NextFullRangeInt32();
        var sequence = new SobolSequence(2 * k, shift);
        var n = baseSamples;
        var points = new double[n * (k + 2)][];
        for (var j = 0; j < n; j++)
        {
            var u = sequence.Point(j);
            points[j] = [.. factors.Select((f, i) => f.At(u[i]))];
            points[n + j] = [.. factors.Select((f, i) => f.At(u[k + i]))];
            for (var i = 0; i < k; i++)
            {
                var ab = (double[])points[j].Clone();
                ab[i] = points[n + j][i];
                points[(2 + i) * n + j] = ab;
            }
        }
        return new SaltelliDesign(factors, baseSamples, points);
    }

    /// <summary>
    /// The first-order and total indices of every factor, in the design's factor order. First order
    /// is Saltelli et al.'s (2010) estimator Sᵢ = mean(f_B (f_ABᵢ − f_A)) / V, total Jansen's (1999)
    /// STᵢ = mean((f_A − f_ABᵢ)²) / 2 / V, where V is the variance (dividing by the count) of f_A and
    /// f_B together. Being estimates, they can fall a little outside [0, 1]. The intervals are the
    /// percentile bootstrap (2.5%, 97.5%) over <paramref name="bootstrap"/> resamples of the N base
    /// rows with replacement, each row taken with its A, B and AB_i outputs and V recomputed,
    /// deterministic from <paramref name="seed"/>; NaN with no resamples. When the outputs do not vary
    /// (V = 0) every index is NaN. Throws an <see cref="ArgumentException"/> naming the row for an
    /// output that is not finite.
    /// </summary>
    public static IReadOnlyList<SobolIndex> Analyse(SaltelliDesign design, IReadOnlyList<double> outputs, int bootstrap, int seed)
    {
        var factors = design.Factors;
        Sensitivity.Check(factors);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);
        var k = factors.Count;
        var n = design.BaseSamples;
        if (n < 1 || design.Points.Length != n * (k + 2))
            throw new ArgumentException($"a Saltelli design of {n} base rows over {k} factors has {n * (k + 2)} rows, not {design.Points.Length}", nameof(design));
        Sensitivity.CheckOutputs(outputs, design.Points.Length);
        var y = outputs.ToArray();
        var all = Enumerable.Range(0, n).ToArray();
        var first = new double[k];
        var total = new double[k];
        Estimate(y, n, k, all, first, total);
        var firsts = new double[k][];
        var totals = new double[k][];
        for (var i = 0; i < k; i++)
        {
            firsts[i] = new double[bootstrap];
            totals[i] = new double[bootstrap];
        }
        var rng = new MersenneTwister(seed, threadSafe: false);
        var rows = new int[n];
        var f = new double[k];
        var t = new double[k];
        for (var b = 0; b < bootstrap; b++)
        {
            for (var j = 0; j < n; j++) rows[j] = rng.Next(n);
            Estimate(y, n, k, rows, f, t);
            for (var i = 0; i < k; i++)
            {
                firsts[i][b] = f[i];
                totals[i][b] = t[i];
            }
        }
        var indices = new SobolIndex[k];
        for (var i = 0; i < k; i++)
        {
            var (fl, fh) = double.IsNaN(first[i]) ? (double.NaN, double.NaN) : Percentile.Interval95(firsts[i]);
            var (tl, th) = double.IsNaN(total[i]) ? (double.NaN, double.NaN) : Percentile.Interval95(totals[i]);
            indices[i] = new SobolIndex(factors[i].Name, first[i], fl, fh, total[i], tl, th);
        }
        return indices;
    }

    /// <summary>The indices from the base rows <paramref name="rows"/> (with repeats for a bootstrap resample), into <paramref name="first"/> and <paramref name="total"/>.</summary>
    private static void Estimate(double[] y, int n, int k, int[] rows, double[] first, double[] total)
    {
        var m = rows.Length;
        var mean = 0.0;
        foreach (var j in rows) mean += y[j] + y[n + j];
        mean /= 2.0 * m;
        var variance = 0.0;
        foreach (var j in rows)
        {
            var a = y[j] - mean;
            var b = y[n + j] - mean;
            variance += a * a + b * b;
        }
        variance /= 2.0 * m;
        // Outputs that do not vary: rounding in the mean could leave a tiny variance to divide by.
        var y0 = y[rows[0]];
        var constant = rows.All(j => y[j] == y0 && y[n + j] == y0);
        for (var i = 0; i < k; i++)
        {
            if (constant || !(variance > 0))
            {
                first[i] = double.NaN;
                total[i] = double.NaN;
                continue;
            }
            var offset = (2 + i) * n;
            double s = 0, st = 0;
            foreach (var j in rows)
            {
                var fa = y[j];
                var fab = y[offset + j];
                s += y[n + j] * (fab - fa);
                st += (fa - fab) * (fa - fab);
            }
            first[i] = s / m / variance;
            total[i] = st / (2.0 * m) / variance;
        }
    }
}
