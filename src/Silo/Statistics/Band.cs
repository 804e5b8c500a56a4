using MathNet.Numerics.Statistics;

namespace Simulation.Silo.Statistics;

/// <summary>The median and the 50% and 90% bands of a metric across replicates in one month.</summary>
public readonly record struct Band(double P05, double P25, double P50, double P75, double P95)
{
    public static readonly Band Missing = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>As <see cref="Of"/>, but missing when any value is (a share of councils before any was judged).</summary>
    public static Band OfAll(IEnumerable<double> values) => values.ToArray() is var v && v.Any(double.IsNaN) ? Missing : Of(v);

    /// <summary>The 5th, 25th, 50th, 75th and 95th percentiles of the values (MathNet's quantile of the sorted values).</summary>
    public static Band Of(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return new Band(
            SortedArrayStatistics.Quantile(sorted, 0.05),
            SortedArrayStatistics.Quantile(sorted, 0.25),
            SortedArrayStatistics.Quantile(sorted, 0.50),
            SortedArrayStatistics.Quantile(sorted, 0.75),
            SortedArrayStatistics.Quantile(sorted, 0.95));
    }
}
