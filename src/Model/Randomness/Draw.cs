using MathNet.Numerics.Distributions;

namespace Simulation.Model.Randomness;

/// <summary>
/// The few distributions the model draws from. Poisson and normal come from MathNet.Numerics; the
/// binomial is sampled here because MathNet's sums n Bernoulli trials, which is too slow for
/// stocks of thousands of cases stepped every month.
/// </summary>
public static class Draw
{
    public static int Poisson(CounterRandom rng, double mean)
    {
        if (!(mean > 0)) return 0;
        return MathNet.Numerics.Distributions.Poisson.Sample(rng, mean);
    }

    /// <summary>
    /// Binomial(n, p). Exact (waiting-time inversion) while the smaller tail mean is below 30;
    /// above that a continuity-corrected normal approximation, whose error is far below the
    /// model's other uncertainties.
    /// </summary>
    public static int Binomial(CounterRandom rng, int n, double p)
    {
        if (n <= 0 || !(p > 0)) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Binomial(rng, n, 1 - p);
        var mean = n * p;
        if (mean < 30) return WaitingTime(rng, n, p);
        var sd = Math.Sqrt(mean * (1 - p));
        var x = Math.Round(mean + sd * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1));
        return (int)Math.Clamp(x, 0, n);
    }

    public static double Normal(CounterRandom rng, double mean, double sd) =>
        sd > 0 ? MathNet.Numerics.Distributions.Normal.Sample(rng, mean, sd) : mean;

    public static double Uniform(CounterRandom rng, double low, double high) => low + (high - low) * rng.NextDouble();

    public static bool Chance(CounterRandom rng, double probability) => rng.NextDouble() < probability;

    /// <summary>An exponentially distributed value with the given mean (inversion: one uniform draw).</summary>
    public static double Exponential(CounterRandom rng, double mean) => -mean * Math.Log(1 - rng.NextDouble());

    /// <summary>Beta draw with the given mean and standard deviation (method of moments).</summary>
    public static double BetaMeanSd(CounterRandom rng, double mean, double sd)
    {
        mean = Math.Clamp(mean, 1e-3, 1 - 1e-3);
        var variance = sd * sd;
        var max = mean * (1 - mean);
        if (variance <= 0) return mean;
        if (variance >= max) variance = max * 0.99;
        var common = max / variance - 1;
        return Beta.Sample(rng, mean * common, (1 - mean) * common);
    }

    // Counts the geometric gaps between successes until they pass n (Devroye, ch. X.4).
    private static int WaitingTime(CounterRandom rng, int n, double p)
    {
        var logQ = Math.Log(1 - p);
        var successes = 0;
        var position = 0.0;
        while (true)
        {
            var u = 1.0 - rng.NextDouble();
            position += Math.Floor(Math.Log(u) / logQ) + 1;
            if (position > n) return successes;
            successes++;
        }
    }
}
