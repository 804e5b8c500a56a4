using Simulation.Silo.Statistics;

namespace Simulation.Tests.Statistics;

/// <summary>The Kaplan–Meier estimate, its Greenwood errors, log(−log) intervals, median and restricted mean.</summary>
public sealed class KaplanMeierTests
{
    /// <summary>
    /// Freireich et al.'s 6-MP group (Klein and Moeschberger, section 1.2; Collett), 21 patients,
    /// weeks in remission, * censored:
    /// 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*.
    /// <code>
    /// t   n  d  c  S(t)                    Σ d/(n(n−d))               SE = S√Σ
    /// 6   21 3  1  18/21      = 0.857143   3/(21·18) = 0.0079365      0.07636
    /// 7   17 1  1  × 16/17    = 0.806723   + 1/(17·16) = 0.0116130    0.08694
    /// 10  15 1  2  × 14/15    = 0.752941   + 1/(15·14) = 0.0163749    0.09635
    /// 13  12 1  0  × 11/12    = 0.690196   + 1/(12·11) = 0.0239506    0.10681
    /// 16  11 1  3  × 10/11    = 0.627451   + 1/(11·10) = 0.0330415    0.11405
    /// 22  7  1  0  × 6/7      = 0.537815   + 1/(7·6)   = 0.0568511    0.12823
    /// 23  6  1  5  × 5/6      = 0.448179   + 1/(6·5)   = 0.0901844    0.13459
    /// </code>
    /// c counts the censorings in [t, next event time): 6* at 6; 9* at 7; 10* (tied with the event
    /// at 10, so at risk at 10) and 11* at 10; 17* 19* 20* at 16; the last five at 23. The published
    /// values are S(6) = 0.857 (SE 0.076), S(7) = 0.807 (SE 0.087), S(23) = 0.448 (SE 0.135).
    /// <para>
    /// log(−log) interval at 13: log S = ln 0.690196 = −0.370780; θ = 1.959964 × √0.0239506 / 0.370780
    /// = 1.959964 × 0.154760 / 0.370780 = 0.818070; exp(θ) = 2.266122, exp(−θ) = 0.441282;
    /// low = 0.690196^2.266122 = 0.43161, high = 0.690196^0.441282 = 0.84907.
    /// </para>
    /// <para>
    /// Median: S(22) = 0.538 &gt; 0.5 ≥ S(23) = 0.448, so 23. Its Brookmeyer–Crowley interval: the
    /// lower band first reaches 0.5 at 13 (low at 10 is 0.50320, at 13 0.43161); the upper band at 23
    /// is still 0.68014 &gt; 0.5 and never falls below 0.5: (13, +∞).
    /// </para>
    /// <para>
    /// RMST to τ = 20: 6 × 1 + 1 × 0.857143 + 3 × 0.806723 + 3 × 0.752941 + 3 × 0.690196 + 4 × 0.627451
    /// = 6 + 0.857143 + 2.420168 + 2.258824 + 2.070588 + 2.509804 = 16.116527.
    /// Aⱼ = ∫ from tⱼ to 20: A₆ = 10.116527, A₇ = 9.259384, A₁₀ = 6.839216, A₁₃ = 4.580392, A₁₆ = 2.509804;
    /// Var = 10.116527² × 3/378 + 9.259384²/272 + 6.839216²/210 + 4.580392²/132 + 2.509804²/110
    /// = 0.812255 + 0.315206 + 0.222740 + 0.158942 + 0.057264 = 1.566403, SE = 1.251560.
    /// </para>
    /// </summary>
    private static readonly SurvivalTime[] SixMp =
    [
        new(6, true), new(6, true), new(6, true), new(6, false), new(7, true), new(9, false), new(10, true),
        new(10, false), new(11, false), new(13, true), new(16, true), new(17, false), new(19, false), new(20, false),
        new(22, true), new(23, true), new(25, false), new(32, false), new(32, false), new(34, false), new(35, false),
    ];

    [Fact]
    public void The_6MP_group_gives_the_published_curve_and_Greenwood_errors()
    {
        // Shuffled input: the fit sorts.
        var km = KaplanMeier.Fit([.. SixMp.Reverse()]);
        Assert.Equal(21, km.Count);
        Assert.Equal(9, km.Events);
        Assert.Equal(0, km.CensoredBeforeFirst);
        Assert.Equal([6.0, 7, 10, 13, 16, 22, 23], km.Steps.Select(s => s.Time));
        Assert.Equal([21, 17, 15, 12, 11, 7, 6], km.Steps.Select(s => s.AtRisk));
        Assert.Equal([3, 1, 1, 1, 1, 1, 1], km.Steps.Select(s => s.Events));
        Assert.Equal([1, 1, 2, 0, 3, 0, 5], km.Steps.Select(s => s.Censored));
        double[] survival = [0.857143, 0.806723, 0.752941, 0.690196, 0.627451, 0.537815, 0.448179];
        double[] errors = [0.07636, 0.08694, 0.09635, 0.10681, 0.11405, 0.12823, 0.13459];
        for (var i = 0; i < survival.Length; i++)
        {
            Assert.Equal(survival[i], km.Steps[i].Survival, 6);
            Assert.Equal(errors[i], km.Steps[i].StdError, 5);
        }
        // Exact fractions: 18/21 × 16/17.
        Assert.Equal(18.0 / 21 * 16 / 17, km.SurvivalAt(7), 12);
    }

    [Fact]
    public void The_curve_is_a_right_continuous_step_function()
    {
        var km = KaplanMeier.Fit(SixMp);
        Assert.Equal(1, km.SurvivalAt(0));
        Assert.Equal(1, km.SurvivalAt(5.999));
        Assert.Equal(18.0 / 21, km.SurvivalAt(6), 12);
        Assert.Equal(18.0 / 21, km.SurvivalAt(6.5), 12);
        Assert.Equal(km.Steps[^1].Survival, km.SurvivalAt(100)); // held flat after the last time
        Assert.Equal((1.0, 1.0), km.SurvivalIntervalAt(3));
    }

    [Fact]
    public void The_log_log_interval_is_the_hand_computed_one()
    {
        var (low, high) = KaplanMeier.Fit(SixMp).SurvivalIntervalAt(14);
        Assert.Equal(0.43161, low, 5);
        Assert.Equal(0.84907, high, 5);
        var km = KaplanMeier.Fit(SixMp);
        Assert.All(km.Steps, s => Assert.True(s.Low95 < s.Survival && s.Survival < s.High95));
    }

    [Fact]
    public void The_median_and_its_Brookmeyer_Crowley_interval()
    {
        var (median, low, high) = KaplanMeier.Fit(SixMp).Median();
        Assert.Equal(23, median);
        Assert.Equal(13, low);
        Assert.Equal(double.PositiveInfinity, high);
    }

    [Fact]
    public void The_restricted_mean_and_its_Klein_Moeschberger_error()
    {
        var (rmst, se) = KaplanMeier.Fit(SixMp).RestrictedMean(20);
        Assert.Equal(16.116527, rmst, 6);
        Assert.Equal(1.251560, se, 6);
        // Before the first event the curve is 1: the area is tau, with no error.
        Assert.Equal((5.0, 0.0), KaplanMeier.Fit(SixMp).RestrictedMean(5));
    }

    [Fact]
    public void Without_censoring_the_restricted_mean_is_the_mean_of_the_truncated_times_and_its_plug_in_error()
    {
        // min(T, 4) = 1 2 3 4: mean 2.5, plug-in variance 1.25 / 4 = 0.3125.
        var km = KaplanMeier.Fit([new(1, true), new(2, true), new(3, true), new(4, true)]);
        var (rmst, se) = km.RestrictedMean(4);
        Assert.Equal(2.5, rmst, 12);
        Assert.Equal(Math.Sqrt(0.3125), se, 12);
        // Everyone has had the event by 4: S = 0 there, Greenwood's variance is undefined and the band is [0, 0].
        var last = km.Steps[^1];
        Assert.Equal(0, last.Survival);
        Assert.True(double.IsNaN(last.StdError));
        Assert.Equal((0.0, 0.0), (last.Low95, last.High95));
        Assert.Equal(2.5, km.RestrictedMean(10).Estimate, 12);
    }

    [Fact]
    public void A_median_not_reached_is_NaN_with_an_infinite_upper_bound()
    {
        // 2 events of 10, the rest censored at 10: S = 0.9 at 1, 0.8 at 2, never 0.5. The log(−log) band
        // is wide with so few: at 1, Σ = 1/90, θ = 1.959964 × 0.105409 / 0.105361 = 1.960871,
        // exp(θ) = 7.105511, low = 0.9^7.105511 = 0.47301 ≤ 0.5, so the lower bound is 1 although the
        // median is not reached. At 2: Σ = 1/90 + 1/72 = 0.025, θ = 1.959964 × 0.158114 / 0.223144
        // = 1.388781, exp(θ) = 4.009959, low = 0.8^4.009959 = 0.40869.
        SurvivalTime[] times = [new(1, true), new(2, true), .. Enumerable.Repeat(new SurvivalTime(10, false), 8)];
        var km = KaplanMeier.Fit(times);
        Assert.Equal(0.8, km.SurvivalAt(10), 12);
        Assert.Equal(0.47301, km.Steps[0].Low95, 5);
        Assert.Equal(0.40869, km.Steps[1].Low95, 5);
        var (median, low, high) = km.Median();
        Assert.True(double.IsNaN(median));
        Assert.Equal(1, low);
        Assert.Equal(double.PositiveInfinity, high);
        // One event in 100: the lower band stays far above 0.5, so there is no lower bound either.
        var few = KaplanMeier.Fit([new(1, true), .. Enumerable.Repeat(new SurvivalTime(10, false), 99)]);
        Assert.True(double.IsNaN(few.Median().Estimate));
        Assert.True(double.IsNaN(few.Median().Low95));
        Assert.Equal(double.PositiveInfinity, few.Median().High95);
    }

    [Fact]
    public void All_censored_leaves_the_curve_at_one()
    {
        var km = KaplanMeier.Fit([new(3, false), new(5, false), new(5, false)]);
        Assert.Equal(3, km.Count);
        Assert.Equal(0, km.Events);
        Assert.Empty(km.Steps);
        Assert.Equal(3, km.CensoredBeforeFirst);
        Assert.Equal(1, km.SurvivalAt(10));
        Assert.True(double.IsNaN(km.Median().Estimate));
        Assert.Equal(double.PositiveInfinity, km.Median().High95);
        Assert.Equal((4.0, 0.0), km.RestrictedMean(4));
    }

    [Fact]
    public void No_subjects_give_NaN_everywhere()
    {
        var km = KaplanMeier.Fit([]);
        Assert.Equal(0, km.Count);
        Assert.Empty(km.Steps);
        Assert.True(double.IsNaN(km.SurvivalAt(1)));
        Assert.True(double.IsNaN(km.SurvivalIntervalAt(1).Low95));
        var (m, l, h) = km.Median();
        Assert.True(double.IsNaN(m) && double.IsNaN(l) && double.IsNaN(h));
        Assert.True(double.IsNaN(km.RestrictedMean(5).Estimate));
    }

    [Fact]
    public void Censorings_tied_with_events_are_at_risk_at_that_time()
    {
        // At 2: 4 at risk (the censoring at 2 counts), 1 event: S = 3/4, not 2/3. Then 1 left at 3.
        // Censorings at 0.5 come before any event: at risk nowhere, counted apart.
        var km = KaplanMeier.Fit([new(0.5, false), new(1, true), new(2, true), new(2, false), new(2, false), new(3, true)]);
        Assert.Equal(1, km.CensoredBeforeFirst);
        Assert.Equal([5, 4, 1], km.Steps.Select(s => s.AtRisk));
        Assert.Equal([0, 2, 0], km.Steps.Select(s => s.Censored));
        Assert.Equal(4.0 / 5 * 3 / 4, km.SurvivalAt(2), 12);
        Assert.Equal(0, km.SurvivalAt(3));
        // At risk at each step = the previous step's at risk less its events and censorings.
        for (var i = 1; i < km.Steps.Count; i++)
        {
            var p = km.Steps[i - 1];
            Assert.Equal(p.AtRisk - p.Events - p.Censored, km.Steps[i].AtRisk);
        }
    }

    [Fact]
    public void Bad_times_are_refused()
    {
        Assert.Throws<ArgumentException>(() => KaplanMeier.Fit([new(-1, true)]));
        Assert.Throws<ArgumentException>(() => KaplanMeier.Fit([new(double.NaN, true)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KaplanMeier.Fit(SixMp).RestrictedMean(0));
    }
}
