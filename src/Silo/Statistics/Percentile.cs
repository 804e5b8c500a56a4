using MathNet.Numerics.Statistics;

namespace Simulation.Silo.Statistics;

/// <summary>Percentile bootstrap intervals.</summary>
internal static class Percentile
{
    /// <summary>
    /// The 2.5% and 97.5% quantiles of <paramref name="values"/> (MathNet's quantile of the sorted
    /// values, as <see cref="Band"/>), NaN values left out; NaN when none is left.
    /// </summary>
    public static (double Low, double High) Interval95(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(sorted);
        return (SortedArrayStatistics.Quantile(sorted, 0.025), SortedArrayStatistics.Quantile(sorted, 0.975));
    }
}
