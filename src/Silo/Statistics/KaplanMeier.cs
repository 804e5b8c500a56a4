namespace Simulation.Silo.Statistics;

/// <summary>
/// One subject's time to an event: <see cref="Time"/> ≥ 0; <see cref="Event"/> true if the event
/// was observed at <see cref="Time"/>, false if the subject was censored at <see cref="Time"/>
/// (followed that long without the event).
/// </summary>
public readonly record struct SurvivalTime(double Time, bool Event);

/// <summary>
/// One step of a Kaplan–Meier curve, at a distinct time where at least one event happened.
/// <see cref="AtRisk"/> counts the subjects whose time is at or after <see cref="Time"/> (censorings
/// at the step's time are at risk at it); <see cref="Censored"/> counts the censorings in
/// [<see cref="Time"/>, the next step's time), the usual Kaplan–Meier table's convention, so that
/// the next step's at-risk count is AtRisk − Events − Censored. <see cref="StdError"/> is Greenwood's;
/// <see cref="Low95"/> and <see cref="High95"/> the log(−log) 95% interval (see <see cref="KaplanMeier"/>).
/// </summary>
public sealed record KaplanMeierStep(double Time, int AtRisk, int Events, int Censored, double Survival, double StdError, double Low95, double High95);

/// <summary>
/// The Kaplan–Meier (product-limit) estimate of a survival curve from right-censored times.
/// <para>
/// At each distinct event time tⱼ with nⱼ at risk and dⱼ events, S(t) = ∏_{tⱼ ≤ t} (1 − dⱼ/nⱼ): a
/// right-continuous step function, 1 before the first event. A censoring tied with events at the
/// same time counts as at risk at that time (censorings are taken to fall just after events).
/// After the last observed time the curve is held at its last value (flat), which is an assumption
/// when the last subject was censored.
/// </para>
/// <para>
/// Greenwood's variance: Var S(t) = S(t)² Σ_{tⱼ ≤ t} dⱼ / (nⱼ(nⱼ − dⱼ)). The 95% pointwise
/// interval is the log(−log) one (Kalbfleisch and Prentice; Klein and Moeschberger, eq. 4.3.2):
/// with σ² = Σ dⱼ/(nⱼ(nⱼ − dⱼ)) and θ = 1.96 σ / |log S(t)|, the interval is
/// [S(t)^exp(θ), S(t)^exp(−θ)], which stays inside [0, 1]. Where the curve reaches 0 (everyone left at
/// risk had the event) Greenwood's variance is undefined: the step's <see cref="KaplanMeierStep.StdError"/>
/// is NaN and its interval collapses to [0, 0].
/// </para>
/// <para>
/// With no subjects every estimate is NaN. 1.96 here and elsewhere in this namespace is the exact
/// normal quantile <see cref="Z95"/>.
/// </para>
/// </summary>
public sealed class KaplanMeier
{
    /// <summary>The two-sided 95% standard normal quantile, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    private readonly KaplanMeierStep[] _steps;

    private KaplanMeier(int count, int events, int censoredBeforeFirst, KaplanMeierStep[] steps)
    {
        Count = count;
        Events = events;
        CensoredBeforeFirst = censoredBeforeFirst;
        _steps = steps;
    }

    /// <summary>Subjects.</summary>
    public int Count { get; }

    /// <summary>Observed events.</summary>
    public int Events { get; }

    /// <summary>Censorings before the first event time, which fall in no step's <see cref="KaplanMeierStep.Censored"/>.</summary>
    public int CensoredBeforeFirst { get; }

    /// <summary>The curve's steps, one per distinct event time, in time order.</summary>
    public IReadOnlyList<KaplanMeierStep> Steps => _steps;

    /// <summary>The estimate from <paramref name="times"/> (any order). Throws for a negative or non-finite time.</summary>
    public static KaplanMeier Fit(IReadOnlyList<SurvivalTime> times)
    {
        var tally = SurvivalTally.Of(times);
        return FromTally(tally.Times, tally.Events, tally.Censored);
    }

    /// <summary>
    /// The estimate from counts at distinct times in increasing order: events[i] events and
    /// censored[i] censorings at times[i].
    /// </summary>
    internal static KaplanMeier FromTally(double[] times, int[] events, int[] censored)
    {
        var count = events.Sum() + censored.Sum();
        var atRisk = count;
        var survival = 1.0;
        var greenwood = 0.0;
        var before = 0;
        var steps = new List<KaplanMeierStep>();
        for (var i = 0; i < times.Length; i++)
        {
            var d = events[i];
            var c = censored[i];
            if (d == 0)
            {
                // Censorings between events belong to the last step's row (or come before any).
                if (steps.Count == 0) before += c;
                else steps[^1] = steps[^1] with { Censored = steps[^1].Censored + c };
                atRisk -= c;
                continue;
            }
            survival *= 1.0 - (double)d / atRisk;
            double se, low, high;
            if (d == atRisk)
            {
                survival = 0;
                se = double.NaN;
                low = 0;
                high = 0;
            }
            else
            {
                greenwood += d / ((double)atRisk * (atRisk - d));
                se = survival * Math.Sqrt(greenwood);
                (low, high) = LogLogInterval(survival, greenwood);
            }
            steps.Add(new KaplanMeierStep(times[i], atRisk, d, c, survival, se, low, high));
            atRisk -= d + c;
        }
        return new KaplanMeier(count, events.Sum(), before, [.. steps]);
    }

    /// <summary>The log(−log) 95% interval of a survival estimate with Greenwood sum σ² = Σ d/(n(n − d)).</summary>
    private static (double Low, double High) LogLogInterval(double survival, double greenwood)
    {
        var theta = Z95 * Math.Sqrt(greenwood) / Math.Abs(Math.Log(survival));
        return (Math.Pow(survival, Math.Exp(theta)), Math.Pow(survival, Math.Exp(-theta)));
    }

    /// <summary>The index of the last step at or before <paramref name="t"/>, −1 before the first.</summary>
    private int StepAt(double t)
    {
        int lo = 0, hi = _steps.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_steps[mid].Time <= t)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>S(t): 1 before the first event, the last step's value after it; NaN with no subjects or a NaN time.</summary>
    public double SurvivalAt(double t)
    {
        if (Count == 0 || double.IsNaN(t)) return double.NaN;
        var i = StepAt(t);
        return i < 0 ? 1 : _steps[i].Survival;
    }

    /// <summary>The log(−log) 95% interval of S(t) (Greenwood variance): [1, 1] before the first event; NaN with no subjects.</summary>
    public (double Low95, double High95) SurvivalIntervalAt(double t)
    {
        if (Count == 0 || double.IsNaN(t)) return (double.NaN, double.NaN);
        var i = StepAt(t);
        return i < 0 ? (1, 1) : (_steps[i].Low95, _steps[i].High95);
    }

    /// <summary>
    /// The median survival time: the smallest t with S(t) ≤ 0.5, NaN if the curve never gets
    /// there. Its 95% interval is Brookmeyer and Crowley's (1982) with the log(−log) transform: the
    /// set of t whose pointwise interval contains 0.5. Its lower bound is the first step whose
    /// <see cref="KaplanMeierStep.Low95"/> is ≤ 0.5 (NaN if none is: the data hold no lower bound);
    /// its upper bound the first step whose <see cref="KaplanMeierStep.High95"/> is below 0.5,
    /// +∞ if none is (the upper bound is not reached within follow-up). With no subjects all three are NaN.
    /// </summary>
    public (double Estimate, double Low95, double High95) Median()
    {
        if (Count == 0) return (double.NaN, double.NaN, double.NaN);
        var estimate = _steps.FirstOrDefault(s => s.Survival <= 0.5)?.Time ?? double.NaN;
        var low = _steps.FirstOrDefault(s => s.Low95 <= 0.5)?.Time ?? double.NaN;
        var high = _steps.FirstOrDefault(s => s.High95 < 0.5)?.Time ?? double.PositiveInfinity;
        return (estimate, low, high);
    }

    /// <summary>
    /// The restricted mean survival time: the area under S(t) from 0 to <paramref name="tau"/>, the
    /// mean time to the event counting only the first <paramref name="tau"/> of follow-up. Its
    /// standard error is Klein and Moeschberger's (section 4.5), Greenwood-type:
    /// Var = Σ_{tⱼ ≤ τ} Aⱼ² dⱼ / (nⱼ(nⱼ − dⱼ)) with Aⱼ = ∫_{tⱼ}^{τ} S(u) du (a step where
    /// nⱼ = dⱼ adds nothing: the curve is 0 after it, so Aⱼ = 0). Without censoring this is the
    /// plug-in variance of min(T, τ) over n. When τ is beyond the last observed time the curve is
    /// taken as flat there (see the class). NaN with no subjects; τ must be positive and finite.
    /// </summary>
    public (double Estimate, double StdError) RestrictedMean(double tau)
    {
        if (!(tau > 0) || double.IsInfinity(tau)) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be positive and finite");
        if (Count == 0) return (double.NaN, double.NaN);
        // Area from each step's time to tau, built backwards: after[j] = ∫_{tⱼ}^{τ} S.
        var inside = _steps.TakeWhile(s => s.Time <= tau).ToArray();
        var after = new double[inside.Length];
        var area = 0.0;
        for (var j = inside.Length - 1; j >= 0; j--)
        {
            var end = j == inside.Length - 1 ? tau : inside[j + 1].Time;
            area += (end - inside[j].Time) * inside[j].Survival;
            after[j] = area;
        }
        var first = inside.Length == 0 ? tau : inside[0].Time;
        var estimate = first + area; // S = 1 before the first event
        var variance = 0.0;
        for (var j = 0; j < inside.Length; j++)
        {
            var s = inside[j];
            if (s.AtRisk > s.Events) variance += after[j] * after[j] * s.Events / ((double)s.AtRisk * (s.AtRisk - s.Events));
        }
        return (estimate, Math.Sqrt(variance));
    }
}

/// <summary>Survival times counted at their distinct values, in increasing time order.</summary>
internal readonly record struct SurvivalTally(double[] Times, int[] Events, int[] Censored)
{
    /// <summary>The tally of <paramref name="times"/>; throws for a negative or non-finite time.</summary>
    public static SurvivalTally Of(IReadOnlyList<SurvivalTime> times)
    {
        for (var i = 0; i < times.Count; i++)
        {
            var t = times[i].Time;
            if (!double.IsFinite(t) || t < 0) throw new ArgumentException($"survival time {i} is {t}: times must be finite and non-negative", nameof(times));
        }
        var sorted = times.Select(s => s.Time).Distinct().Order().ToArray();
        var events = new int[sorted.Length];
        var censored = new int[sorted.Length];
        foreach (var s in times)
        {
            var i = Array.BinarySearch(sorted, s.Time);
            if (s.Event) events[i]++;
            else censored[i]++;
        }
        return new SurvivalTally(sorted, events, censored);
    }
}
