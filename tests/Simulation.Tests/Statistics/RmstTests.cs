using MathNet.Numerics.Random;
using Simulation.Silo.Statistics;

namespace Simulation.Tests.Statistics;

/// <summary>Differences of restricted mean survival times, independent and paired by replicate.</summary>
public sealed class RmstTests
{
    private static SurvivalTime[] Uncensored(params double[] times) => [.. times.Select(t => new SurvivalTime(t, true))];

    [Fact]
    public void Independent_samples_give_the_hand_computed_difference()
    {
        // No censoring, τ = 4: the RMST is the mean of min(T, 4) and its variance the plug-in variance over n.
        // A = 1 2 3 4: mean 2.5, variance 1.25/4 = 0.3125.
        // B = 2 3 4 5 → 2 3 4 4: mean 3.25, variance ((1.25² + 0.25² + 0.75² + 0.75²)/4)/4 = 0.171875.
        // A − B = −0.75 ± 1.959964 × √0.484375 = −0.75 ± 1.364077: (−2.114077, 0.614077).
        var d = Rmst.Independent(Uncensored(1, 2, 3, 4), Uncensored(2, 3, 4, 5), 4);
        Assert.Equal(4, d.Tau);
        Assert.Equal(2.5, d.A, 12);
        Assert.Equal(3.25, d.B, 12);
        Assert.Equal(-0.75, d.Difference, 12);
        Assert.Equal(-2.114077, d.Low95, 6);
        Assert.Equal(0.614077, d.High95, 6);
        Assert.Equal("independent (Greenwood standard errors)", d.Method);
    }

    /// <summary>
    /// Replicates of <paramref name="subjects"/> exponential times (mean 5), censored at the horizon 10,
    /// each made <paramref name="shift"/> longer: the same random numbers whatever the shift, as two runs
    /// with common random numbers.
    /// </summary>
    private static List<IReadOnlyList<SurvivalTime>> Replicates(int count, int subjects, double shift, int seed = 11)
    {
        var rng = new MersenneTwister(seed, threadSafe: false);
        var replicates = new List<IReadOnlyList<SurvivalTime>>();
        for (var r = 0; r < count; r++)
        {
            replicates.Add([.. Enumerable.Range(0, subjects).Select(_ =>
            {
                var t = -5 * Math.Log(1 - rng.NextDouble()) + shift;
                return t < 10 ? new SurvivalTime(t, true) : new SurvivalTime(10, false);
            })]);
        }
        return replicates;
    }

    [Fact]
    public void Paired_identical_runs_differ_by_exactly_nothing()
    {
        var a = Replicates(30, 20, 0);
        var d = Rmst.Paired(a, a, 10, 200, 1);
        Assert.Equal(0, d.Difference);
        Assert.Equal(0, d.Low95);
        Assert.Equal(0, d.High95);
        Assert.Equal(d.A, d.B);
        Assert.Equal("paired bootstrap over replicates (200 resamples)", d.Method);
        // The pooled restricted mean is the Kaplan–Meier one.
        Assert.Equal(KaplanMeier.Fit([.. a.SelectMany(r => r)]).RestrictedMean(10).Estimate, d.A, 10);
    }

    [Fact]
    public void Paired_a_later_event_in_A_gives_a_positive_difference()
    {
        // Every subject of A has the event one unit later than in B (censored at 10 alike): each
        // replicate's restricted mean is larger in A, so every resample's difference is positive.
        var a = Replicates(30, 20, 1);
        var b = Replicates(30, 20, 0);
        var d = Rmst.Paired(a, b, 10, 300, 5);
        Assert.True(d.Difference > 0);
        Assert.True(d.Low95 > 0);
        Assert.InRange(d.Difference, d.Low95, d.High95);
        var reversed = Rmst.Paired(b, a, 10, 300, 5);
        Assert.Equal(-d.Difference, reversed.Difference, 12);
        Assert.True(reversed.High95 < 0);
        // The pairing narrows the interval against treating the runs as independent.
        var independent = Rmst.Independent([.. a.SelectMany(r => r)], [.. b.SelectMany(r => r)], 10);
        Assert.True(d.High95 - d.Low95 < independent.High95 - independent.Low95);
    }

    [Fact]
    public void Paired_is_deterministic_from_its_seed()
    {
        var a = Replicates(25, 10, 0.5, seed: 3);
        var b = Replicates(25, 10, 0, seed: 4);
        var one = Rmst.Paired(a, b, 8, 250, 42);
        var again = Rmst.Paired(a, b, 8, 250, 42);
        var other = Rmst.Paired(a, b, 8, 250, 43);
        Assert.Equal(one, again);
        Assert.Equal(one.Difference, other.Difference);
        Assert.NotEqual((one.Low95, one.High95), (other.Low95, other.High95));
    }

    [Fact]
    public void Paired_refuses_runs_of_different_replicates()
    {
        Assert.Throws<ArgumentException>(() => Rmst.Paired(Replicates(3, 5, 0), Replicates(4, 5, 0), 10, 10, 1));
    }
}
