namespace Simulation.Silo.Statistics;

/// <summary>Quantiles of weighted values (a calibration posterior's particles), one rule for every caller.</summary>
public static class WeightedQuantile
{
    /// <summary>
    /// The smallest value whose cumulative normalised weight reaches <paramref name="q"/> (a
    /// tolerance of 1e-12 absorbs rounding in the sum); NaN for no values or no weight.
    /// </summary>
    public static double Of(IEnumerable<(double Value, double Weight)> values, double q)
    {
        var sorted = values.OrderBy(x => x.Value).ToArray();
        var total = sorted.Sum(x => x.Weight);
        if (sorted.Length == 0 || !(total > 0)) return double.NaN;
        var c = 0.0;
        foreach (var (x, w) in sorted)
        {
            c += w / total;
            if (c >= q - 1e-12) return x;
        }
        return sorted[^1].Value;
    }
}
