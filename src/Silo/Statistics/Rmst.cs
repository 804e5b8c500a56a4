using System.Globalization;
using MathNet.Numerics.Random;

namespace Simulation.Silo.Statistics;

/// <summary>
/// The difference A − B of two restricted mean survival times up to <see cref="Tau"/>
/// (<see cref="KaplanMeier.RestrictedMean"/>), with a 95% interval found by <see cref="Method"/>.
/// </summary>
public sealed record RmstDifference(double Tau, double A, double B, double Difference, double Low95, double High95, string Method);

/// <summary>Comparisons of restricted mean survival times between two runs (A and B).</summary>
public static class Rmst
{
    public const string IndependentMethod = "independent (Greenwood standard errors)";

    /// <summary>
    /// Independent samples: the difference A − B of the restricted means with the interval
    /// ± 1.96 √(seA² + seB²), each standard error Klein and Moeschberger's Greenwood-type one.
    /// <see cref="RmstDifference.Method"/> is <see cref="IndependentMethod"/>.
    /// </summary>
    public static RmstDifference Independent(IReadOnlyList<SurvivalTime> a, IReadOnlyList<SurvivalTime> b, double tau)
    {
        var (ma, sa) = KaplanMeier.Fit(a).RestrictedMean(tau);
        var (mb, sb) = KaplanMeier.Fit(b).RestrictedMean(tau);
        var d = ma - mb;
        var half = KaplanMeier.Z95 * Math.Sqrt(sa * sa + sb * sb);
        return new RmstDifference(tau, ma, mb, d, d - half, d + half, IndependentMethod);
    }

    /// <summary>
    /// Paired by replicate (common random numbers): element r of <paramref name="a"/> and of
    /// <paramref name="b"/> hold the subjects of replicate r in run A and in run B, so the two runs'
    /// replicate r share their random numbers and are not independent. The restricted means are those
    /// of all replicates' subjects pooled; the interval is the percentile bootstrap (2.5% and 97.5%)
    /// over <paramref name="bootstrap"/> resamples of replicates, each resample drawing replicate
    /// indices with replacement and taking the same indices for A and B, so the pairing is kept.
    /// Deterministic from <paramref name="seed"/> (Mersenne twister). With no resamples the interval is NaN.
    /// <see cref="RmstDifference.Method"/> is "paired bootstrap over replicates (N resamples)".
    /// </summary>
    public static RmstDifference Paired(IReadOnlyList<IReadOnlyList<SurvivalTime>> a, IReadOnlyList<IReadOnlyList<SurvivalTime>> b, double tau, int bootstrap, int seed)
    {
        if (a.Count != b.Count) throw new ArgumentException($"run A has {a.Count} replicates and run B {b.Count}: a paired comparison needs the same replicates", nameof(b));
        if (a.Count == 0) throw new ArgumentException("a paired comparison needs at least one replicate", nameof(a));
        if (!(tau > 0) || double.IsInfinity(tau)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be positive and finite");
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);
        var runA = new ReplicatedTally(a);
        var runB = new ReplicatedTally(b);
        var all = Enumerable.Repeat(1, a.Count).ToArray();
        var ma = runA.RestrictedMean(all, tau);
        var mb = runB.RestrictedMean(all, tau);
        var differences = new double[bootstrap];
        var rng = new MersenneTwister(seed, threadSafe: false);
        var weights = new int[a.Count];
        for (var k = 0; k < bootstrap; k++)
        {
            Array.Clear(weights);
            for (var r = 0; r < a.Count; r++) weights[rng.Next(a.Count)]++;
            differences[k] = runA.RestrictedMean(weights, tau) - runB.RestrictedMean(weights, tau);
        }
        var (low, high) = Percentile.Interval95(differences);
        var method = string.Create(CultureInfo.InvariantCulture, $"paired bootstrap over replicates ({bootstrap} resamples)");
        return new RmstDifference(tau, ma, mb, ma - mb, low, high, method);
    }

    /// <summary>
    /// One run's subjects by replicate, each subject as the index of its time among the run's
    /// distinct times, so that a bootstrap resample of replicates is counted without sorting again.
    /// </summary>
    private sealed class ReplicatedTally
    {
        private readonly double[] _times;
        private readonly int[][] _index; // per replicate, per subject: index into _times
        private readonly bool[][] _event;
        private readonly int[] _events;
        private readonly int[] _censored;

        public ReplicatedTally(IReadOnlyList<IReadOnlyList<SurvivalTime>> replicates)
        {
            var tally = SurvivalTally.Of([.. replicates.SelectMany(r => r)]);
            _times = tally.Times;
            _index = [.. replicates.Select(r => r.Select(s => Array.BinarySearch(_times, s.Time)).ToArray())];
            _event = [.. replicates.Select(r => r.Select(s => s.Event).ToArray())];
            _events = new int[_times.Length];
            _censored = new int[_times.Length];
        }

        /// <summary>The restricted mean of the replicates taken <paramref name="weights"/>[r] times each.</summary>
        public double RestrictedMean(int[] weights, double tau)
        {
            Array.Clear(_events);
            Array.Clear(_censored);
            var count = 0;
            for (var r = 0; r < weights.Length; r++)
            {
                var w = weights[r];
                if (w == 0) continue;
                var index = _index[r];
                var events = _event[r];
                for (var i = 0; i < index.Length; i++)
                {
                    if (events[i]) _events[index[i]] += w;
                    else _censored[index[i]] += w;
                }
                count += w * index.Length;
            }
            if (count == 0) return double.NaN;
            // The same product-limit curve as KaplanMeier, integrated up to tau.
            var atRisk = count;
            var survival = 1.0;
            var area = 0.0;
            var previous = 0.0;
            for (var i = 0; i < _times.Length && _times[i] <= tau; i++)
            {
                if (_events[i] > 0)
                {
                    area += (_times[i] - previous) * survival;
                    previous = _times[i];
                    survival *= 1.0 - (double)_events[i] / atRisk;
                }
                atRisk -= _events[i] + _censored[i];
            }
            return area + (tau - previous) * survival;
        }
    }
}
