using MathNet.Numerics.Random;
using Simulation.Silo.Calibration;

namespace Simulation.Tests.Calibration;

/// <summary>ABC-SMC on a model whose posterior is known.</summary>
public sealed class AbcSmcTests
{
    // y = the mean of 20 draws from N(theta, 1); observed 0; prior theta ~ U(-5, 5). As the
    // tolerance shrinks the ABC posterior approaches N(0, 1/20): mean 0, sd 0.224.
    private static double Distance(double[] theta, long seed)
    {
        var rng = new MersenneTwister(unchecked((int)seed), threadSafe: false);
        var mean = Enumerable.Range(0, 20).Average(_ => MathNet.Numerics.Distributions.Normal.Sample(rng, theta[0], 1));
        return Math.Abs(mean);
    }

    private static AbcSmc Make(int parallelism) => new([-5], [5], Distance)
    {
        Particles = 300, Generations = 6, Quantile = 0.5, Steps = 3, Seed = 11, MaxParallelism = parallelism,
    };

    [Fact]
    public async Task The_posterior_approaches_the_known_one()
    {
        var gens = await Make(2).RunAsync();
        var last = gens[^1];
        Assert.Equal(300, last.Particles.Count);
        var mean = last.Particles.Average(p => p.Theta[0]);
        var sd = Math.Sqrt(last.Particles.Average(p => (p.Theta[0] - mean) * (p.Theta[0] - mean)));
        Assert.InRange(mean, -0.1, 0.1);
        // The tolerance halves each generation, to about 0.14 after six: the ABC posterior is then a
        // little wider than the exact one (variance 1/20 + 0.14^2 / 3, sd 0.238 against 0.224).
        Assert.InRange(sd, 0.18, 0.32);
        Assert.True(last.Tolerance < 0.2, $"tolerance {last.Tolerance}");
        Assert.True(gens.Zip(gens.Skip(1)).All(g => g.Second.Tolerance <= g.First.Tolerance));
        Assert.All(last.Particles, p => Assert.True(p.Distance <= last.Tolerance));
        Assert.True(last.Unique > 150, $"{last.Unique} distinct particles");
    }

    [Fact]
    public async Task The_result_does_not_depend_on_the_threads()
    {
        var one = (await Make(1).RunAsync())[^1].Particles;
        var two = (await Make(2).RunAsync())[^1].Particles;
        Assert.Equal(one.Select(p => (p.Theta[0], p.Distance)), two.Select(p => (p.Theta[0], p.Distance)));
    }
}
