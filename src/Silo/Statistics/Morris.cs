using MathNet.Numerics.Random;

namespace Simulation.Silo.Statistics;

/// <summary>
/// A Morris screening design: <see cref="Trajectories"/> trajectories of k + 1 points each on a
/// <see cref="Levels"/>-level grid. <see cref="Points"/> are in the factors' units (already mapped
/// from the unit cube), one row per model evaluation, in order: trajectory t is rows
/// t(k + 1) … t(k + 1) + k.
/// </summary>
public sealed record MorrisDesign(IReadOnlyList<SensitivityFactor> Factors, int Trajectories, int Levels, double[][] Points)
{
    /// <summary>Δ, the step of every move in unit-cube terms: p / (2(p − 1)).</summary>
    public double Delta => Morris.DeltaFor(Levels);
}

/// <summary>
/// A factor's Morris measures over its elementary effects (each the change of the output per the
/// factor's full range): the mean <see cref="Mu"/>, the mean absolute <see cref="MuStar"/> (its
/// importance) with a bootstrap percentile 95% interval, and the standard deviation
/// <see cref="Sigma"/> (non-linearity or interaction with other factors).
/// </summary>
public sealed record MorrisIndex(string Factor, double Mu, double MuStar, double Sigma, double MuStarLow95, double MuStarHigh95);

/// <summary>
/// Morris's (1991) elementary effects screening with Campolongo, Cariboni and Saltelli's (2007) μ*.
/// </summary>
public static class Morris
{
    /// <summary>The usual number of grid levels.</summary>
    public const int DefaultLevels = 4;

    /// <summary>Δ = p / (2(p − 1)) for a p-level grid: p/2 grid steps, so a move stays on the grid.</summary>
    public static double DeltaFor(int levels) => levels / (2.0 * (levels - 1));

    /// <summary>
    /// Morris's one-at-a-time trajectories on the p-level grid {0, 1/(p − 1), …, 1} of the unit cube
    /// (<paramref name="levels"/> = p even and at least 2; <see cref="DefaultLevels"/> is usual).
    /// Each trajectory starts at a random grid point, then moves the factors one at a time in a random
    /// order, each once, by +Δ or −Δ (Morris's B* = (x* + (Δ/2)[(2B − J)D* + J])P*): factor i's two
    /// values are a random grid value in [0, 1 − Δ] and that value + Δ, visited upwards or downwards at
    /// random. r trajectories give r(k + 1) points, mapped to the factors' ranges. Deterministic from
    /// <paramref name="seed"/> (Mersenne twister).
    /// </summary>
    public static MorrisDesign Design(IReadOnlyList<SensitivityFactor> factors, int trajectories, int levels, int seed)
    {
        Sensitivity.Check(factors);
        ArgumentOutOfRangeException.ThrowIfLessThan(trajectories, 1);
        if (levels < 2 || levels % 2 != 0) throw new ArgumentOutOfRangeException(nameof(levels), levels, "Morris levels must be even and at least 2");
        var k = factors.Count;
        var half = levels / 2; // Δ in grid steps
        var rng = new MersenneTwister(seed, threadSafe: false);
        var points = new double[trajectories * (k + 1)][];
        var grid = new int[k];
        var order = new int[k];
        for (var t = 0; t < trajectories; t++)
        {
            for (var i = 0; i < k; i++)
            {
                var low = rng.Next(half); // grid index of the lower value, in [0, 1 − Δ]
                grid[i] = rng.Next(2) == 0 ? low : low + half;
                order[i] = i;
            }
            for (var i = k - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var row = t * (k + 1);
            points[row] = Map(factors, grid, levels);
            for (var step = 0; step < k; step++)
            {
                var i = order[step];
                grid[i] = grid[i] < half ? grid[i] + half : grid[i] - half;
                points[row + step + 1] = Map(factors, grid, levels);
            }
        }
        return new MorrisDesign(factors, trajectories, levels, points);
    }

    private static double[] Map(IReadOnlyList<SensitivityFactor> factors, int[] grid, int levels) =>
        [.. factors.Select((f, i) => f.At(grid[i] / (double)(levels - 1)))];

    /// <summary>
    /// The steps of a design, in order: trajectory t, the row a step starts from and the row it
    /// moves to (the rows of trajectory t are t·(k + 1) to t·(k + 1) + k).
    /// </summary>
    public static IEnumerable<(int Trajectory, int From, int To)> Steps(MorrisDesign design)
    {
        var k = design.Factors.Count;
        for (var t = 0; t < design.Trajectories; t++)
        {
            for (var step = 1; step <= k; step++) yield return (t, t * (k + 1) + step - 1, t * (k + 1) + step);
        }
    }

    /// <summary>
    /// The Morris measures of every factor, in the design's factor order. Along each trajectory, each
    /// step moves one factor i, and its elementary effect is EE = Δy / Δxᵢ × (Highᵢ − Lowᵢ), with Δxᵢ
    /// in the factor's units: the change of y per the factor's full range, so factors in different
    /// units compare. μ is the mean of the r effects, μ* the mean of their absolute values, σ their
    /// standard deviation (dividing by r − 1; NaN for one trajectory). The interval of μ* is the
    /// percentile bootstrap (2.5%, 97.5%) over <paramref name="bootstrap"/> resamples of trajectories
    /// with replacement, deterministic from <paramref name="seed"/>; NaN with no resamples. Throws an
    /// <see cref="ArgumentException"/> naming the row for an output that is not finite, and for rows
    /// that are not a Morris design (a step that moves no factor or several, or a trajectory that does
    /// not move each factor once).
    /// </summary>
    public static IReadOnlyList<MorrisIndex> Analyse(MorrisDesign design, IReadOnlyList<double> outputs, int bootstrap, int seed)
    {
        var factors = design.Factors;
        Sensitivity.Check(factors);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);
        var k = factors.Count;
        var r = design.Trajectories;
        if (r < 1 || design.Points.Length != r * (k + 1))
            throw new ArgumentException($"a Morris design of {r} trajectories over {k} factors has {r * (k + 1)} rows, not {design.Points.Length}", nameof(design));
        Sensitivity.CheckOutputs(outputs, design.Points.Length);
        var effects = new double[k][]; // effects[i][t]: factor i's effect in trajectory t
        for (var i = 0; i < k; i++) effects[i] = Enumerable.Repeat(double.NaN, r).ToArray();
        foreach (var (t, from, row) in Steps(design))
        {
            var before = design.Points[from];
            var after = design.Points[row];
            var moved = Enumerable.Range(0, k).Where(i => after[i] != before[i]).ToList();
            if (moved.Count != 1) throw new ArgumentException($"row {row} moves {moved.Count} factors from row {from}: a Morris step moves one", nameof(design));
            var f = moved[0];
            if (!double.IsNaN(effects[f][t])) throw new ArgumentException($"row {row} moves factor {factors[f].Name} a second time in trajectory {t}", nameof(design));
            effects[f][t] = (outputs[row] - outputs[from]) / (after[f] - before[f]) * (factors[f].High - factors[f].Low);
        }
        var rng = new MersenneTwister(seed, threadSafe: false);
        var resampled = new double[k][];
        for (var i = 0; i < k; i++) resampled[i] = new double[bootstrap];
        var pick = new int[r];
        for (var b = 0; b < bootstrap; b++)
        {
            for (var t = 0; t < r; t++) pick[t] = rng.Next(r);
            for (var i = 0; i < k; i++)
            {
                var sum = 0.0;
                foreach (var t in pick) sum += Math.Abs(effects[i][t]);
                resampled[i][b] = sum / r;
            }
        }
        var indices = new MorrisIndex[k];
        for (var i = 0; i < k; i++)
        {
            var ee = effects[i];
            var mu = ee.Average();
            var sigma = r < 2 ? double.NaN : Math.Sqrt(ee.Sum(e => (e - mu) * (e - mu)) / (r - 1));
            var (low, high) = Percentile.Interval95(resampled[i]);
            indices[i] = new MorrisIndex(factors[i].Name, mu, ee.Average(Math.Abs), sigma, low, high);
        }
        return indices;
    }
}
