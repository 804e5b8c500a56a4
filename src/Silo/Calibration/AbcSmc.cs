using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace Simulation.Silo.Calibration;

/// <summary>A parameter set of an ABC-SMC population, with the distance its simulation gave. Every particle weighs the same.</summary>
public sealed record Particle(double[] Theta, double Distance);

/// <summary>One generation of an ABC-SMC run: its tolerance, population, and what it cost.</summary>
public sealed record AbcGeneration(int Index, double Tolerance, IReadOnlyList<Particle> Particles, int Proposed, int Moved)
{
    /// <summary>Share of the generation's MCMC moves accepted.</summary>
    public double AcceptanceRate => Proposed == 0 ? 1 : Moved / (double)Proposed;

    /// <summary>Distinct parameter sets in the population (resampling duplicates those an MCMC move did not shift).</summary>
    public int Unique => Particles.Select(p => string.Join(',', p.Theta)).Distinct().Count();
}

/// <summary>
/// Approximate Bayesian computation by sequential Monte Carlo, the replenishment algorithm of
/// Drovandi and Pettitt (2011), with independent uniform priors on a box. Generation 0 draws
/// <see cref="Particles"/> sets from the prior. Each later generation sets its tolerance to the
/// <see cref="Quantile"/> of the population's distances, keeps the particles within it, refills the
/// population by resampling the kept ones, and moves each refilled particle by <see cref="Steps"/>
/// Metropolis-Hastings steps: a Gaussian proposal with the population's covariance scaled by 2.38^2 / d, accepted
/// when its distance is within the tolerance and with probability prior ratio (the proposal is
/// symmetric). Particles therefore always weigh the same: no weight degeneracy, which in many
/// dimensions ruins importance-weighted ABC-SMC (its effective sample size fell to 3 of 80 in one
/// generation on the 33 calibrated parameters). The price is duplicates where moves are refused,
/// reported as <see cref="AbcGeneration.Unique"/>. The kernel works on the logits of the parameters
/// scaled to their box (phi = logit((theta - low) / (high - low))), where the uniform prior has the
/// density prod sigma(phi)(1 - sigma(phi)), so no proposal leaves the prior's support. Moves are
/// evaluated in parallel (up to <see cref="MaxParallelism"/> at once; an asynchronous distance,
/// e.g. a run on a cluster, waits without holding a thread), each with random numbers from its
/// generation and number, so the result depends neither on threads nor on where distances run.
/// </summary>
public sealed class AbcSmc(double[] low, double[] high, Func<double[], long, CancellationToken, ValueTask<double>> distance)
{
    /// <summary>With a distance computed on the calling thread.</summary>
    public AbcSmc(double[] low, double[] high, Func<double[], long, double> distance)
        : this(low, high, (theta, seed, _) => ValueTask.FromResult(distance(theta, seed)))
    {
    }

    public int Particles { get; init; } = 100;
    public int Generations { get; init; } = 4;

    /// <summary>Share of the population kept at each generation (its distances set the tolerance).</summary>
    public double Quantile { get; init; } = 0.5;

    /// <summary>Metropolis-Hastings moves per refilled particle (each a simulation unless the prior ratio refuses it).</summary>
    public int Steps { get; init; } = 1;
    public long Seed { get; init; } = 1;
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    private int Dimensions => low.Length;

    public async Task<IReadOnlyList<AbcGeneration>> RunAsync(Action<AbcGeneration>? progress = null, CancellationToken cancellation = default)
    {
        if (low.Length != high.Length || low.Length == 0) throw new ArgumentException("the prior box needs as many lows as highs, at least one");
        var generations = new List<AbcGeneration>();
        var prior = await EvaluateAsync(0, Particles, (i, rng) => FromPrior(rng), cancellation);
        var first = new AbcGeneration(0, double.PositiveInfinity, [.. prior.Select(x => new Particle(x.Theta, x.Distance))], Particles, Particles);
        generations.Add(first);
        progress?.Invoke(first);
        for (var t = 1; t < Generations; t++)
        {
            var previous = generations[^1].Particles;
            var sorted = previous.OrderBy(p => p.Distance).ToList();
            var keep = Math.Max(1, (int)Math.Floor(Quantile * Particles));
            var tolerance = sorted[keep - 1].Distance;
            var kept = sorted.Take(keep).ToList();
            var phis = kept.Select(p => Phi(p.Theta)).ToArray();
            var cholesky = Covariance(phis).Cholesky().Factor;
            var refill = Particles - keep;
            // Each refilled particle: a kept one drawn at random, then Steps Metropolis-Hastings
            // moves, all with random numbers from (generation, number).
            var chains = new (Particle Particle, int Proposed, int Moved)[refill];
            var generationIndex = t;
            await Parallel.ForAsync(0, refill, Options(cancellation), async (i, token) =>
            {
                var rng = new MersenneTwister(unchecked((int)(Seed * 1_000_003 + generationIndex * 10_007 + i)), threadSafe: false);
                var at = kept[rng.Next(keep)];
                var phi = Phi(at.Theta);
                var accepted = 0;
                for (var step = 0; step < Steps; step++)
                {
                    var z = Vector<double>.Build.Dense(Dimensions, _ => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1));
                    var move = cholesky * z;
                    var candidate = new double[Dimensions];
                    for (var d = 0; d < Dimensions; d++) candidate[d] = phi[d] + move[d];
                    var logU = Math.Log(Math.Max(rng.NextDouble(), 1e-300));
                    // The prior ratio first: a move it refuses needs no simulation.
                    if (logU > LogPrior(candidate) - LogPrior(phi)) continue;
                    var theta = Theta(candidate);
                    var d2 = await distance(theta, Seed * 1_000_003 + generationIndex * 100_003 + i * (long)Steps + step, token);
                    if (d2 > tolerance) continue;
                    at = new Particle(theta, d2);
                    phi = candidate;
                    accepted++;
                }
                chains[i] = (at, Steps, accepted);
            });
            var next = new List<Particle>(kept);
            next.AddRange(chains.Select(c => c.Particle));
            var moved = chains.Sum(c => c.Moved);
            var generation = new AbcGeneration(t, tolerance, next, refill * Steps, moved);
            generations.Add(generation);
            progress?.Invoke(generation);
        }
        return generations;
    }

    private ParallelOptions Options(CancellationToken cancellation) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, MaxParallelism), CancellationToken = cancellation };

    private async Task<List<(double[] Theta, double Distance)>> EvaluateAsync(int t, int count, Func<int, Random, double[]> propose, CancellationToken cancellation)
    {
        var results = new (double[], double)[count];
        await Parallel.ForAsync(0, count, Options(cancellation), async (i, token) =>
        {
            var rng = new MersenneTwister(unchecked((int)(Seed * 1_000_003 + t * 10_007 + i)), threadSafe: false);
            var theta = propose(i, rng);
            results[i] = (theta, await distance(theta, Seed * 1_000_003 + t * 100_003 + i, token));
        });
        return [.. results];
    }

    private double[] FromPrior(Random rng)
    {
        var theta = new double[Dimensions];
        for (var i = 0; i < Dimensions; i++) theta[i] = low[i] + (high[i] - low[i]) * Math.Clamp(rng.NextDouble(), 1e-12, 1 - 1e-12);
        return theta;
    }

    /// <summary>The proposal's covariance: the kept particles' logits' covariance scaled by 2.38^2 / d, with a small floor on each variance.</summary>
    private Matrix<double> Covariance(double[][] phis)
    {
        var n = Dimensions;
        var mean = new double[n];
        foreach (var p in phis)
        {
            for (var i = 0; i < n; i++) mean[i] += p[i] / phis.Length;
        }
        var cov = Matrix<double>.Build.Dense(n, n);
        foreach (var p in phis)
        {
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) cov[i, j] += (p[i] - mean[i]) * (p[j] - mean[j]) / Math.Max(1, phis.Length - 1);
        }
        // The random-walk scale that is optimal for a Gaussian target (Roberts, Gelman and Gilks
        // 1997): 2.38^2 / d. Twice the covariance, usual in one or two dimensions, makes almost
        // every move in 33 dimensions one the prior ratio refuses.
        cov = cov * (2.38 * 2.38 / n);
        for (var i = 0; i < n; i++) cov[i, i] += 1e-6;
        return cov;
    }

    /// <summary>The logit of a parameter set scaled to the prior box: where the kernel moves particles.</summary>
    private double[] Phi(double[] theta)
    {
        var phi = new double[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            var u = Math.Clamp((theta[i] - low[i]) / (high[i] - low[i]), 1e-12, 1 - 1e-12);
            phi[i] = Math.Log(u / (1 - u));
        }
        return phi;
    }

    private double[] Theta(double[] phi)
    {
        var theta = new double[Dimensions];
        for (var i = 0; i < Dimensions; i++) theta[i] = low[i] + (high[i] - low[i]) / (1 + Math.Exp(-phi[i]));
        return theta;
    }

    // The uniform prior on the box as a density of phi: prod sigma(phi)(1 - sigma(phi)), in logs.
    private static double LogPrior(double[] phi) =>
        phi.Sum(x => -Math.Abs(x) - 2 * Math.Log(1 + Math.Exp(-Math.Abs(x))));
}
