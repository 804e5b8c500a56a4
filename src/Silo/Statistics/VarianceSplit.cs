namespace Simulation.Silo.Statistics;

/// <summary>
/// How much of the spread of an outcome across replicates comes from their parameters and how much
/// from chance, with replicates grouped by the parameter set (posterior particle) they ran.
/// <para>
/// The law of total variance splits the variance exactly: <see cref="Total"/> = <see cref="Between"/>
/// (the variance of the particles' mean outcomes, each weighted by its replicates) + <see cref="Within"/>
/// (the mean variance among replicates of the same particle). Every variance here divides by the
/// number of replicates. With few replicates per particle the particles' means are themselves
/// noisy, so <see cref="Between"/> also holds chance: with one replicate per particle it is all of
/// the variance. <see cref="ParameterShare"/> corrects for that with the one-way random-effects
/// estimate (analysis of variance, method of moments): σ²<sub>between</sub> = (MSB − MSW) / n₀,
/// σ²<sub>within</sub> = MSW, clipped at 0.
/// </para>
/// </summary>
public sealed record VarianceSplit(int Count, int Groups, double Mean, double Total, double Between, double Within, double ParameterShare)
{
    /// <summary>Replicates per group on average.</summary>
    public double PerGroup => Groups == 0 ? 0 : Count / (double)Groups;

    /// <summary>
    /// Whether the split is rough: fewer than <paramref name="enough"/> replicates per group on
    /// average, or no group with two (so nothing measures chance within a parameter set).
    /// </summary>
    public bool Rough(int enough = 5) => PerGroup < enough || Count == Groups;

    /// <summary>The split of <paramref name="values"/>, each with its group (values that are NaN are left out).</summary>
    public static VarianceSplit Of(IEnumerable<(int Group, double Value)> values)
    {
        var kept = values.Where(v => !double.IsNaN(v.Value)).ToList();
        var n = kept.Count;
        if (n == 0) return new VarianceSplit(0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var mean = kept.Sum(v => v.Value) / n;
        var groups = kept.GroupBy(v => v.Group).Select(g => (Count: g.Count(), Mean: g.Average(v => v.Value), Values: g.Select(v => v.Value).ToList())).ToList();
        var ssb = groups.Sum(g => g.Count * (g.Mean - mean) * (g.Mean - mean));
        var ssw = groups.Sum(g => g.Values.Sum(x => (x - g.Mean) * (x - g.Mean)));
        var k = groups.Count;
        double share;
        if (k == 1)
        {
            share = 0; // one parameter set: all the spread is chance
        }
        else if (n == k)
        {
            share = double.NaN; // one replicate per set: chance within a set is not measured
        }
        else
        {
            var msb = ssb / (k - 1);
            var msw = ssw / (n - k);
            var n0 = (n - groups.Sum(g => (double)g.Count * g.Count) / n) / (k - 1);
            var between = Math.Max(0, (msb - msw) / n0);
            share = between + msw > 0 ? between / (between + msw) : double.NaN; // no spread at all
        }
        return new VarianceSplit(n, k, mean, (ssb + ssw) / n, ssb / n, ssw / n, share);
    }
}
