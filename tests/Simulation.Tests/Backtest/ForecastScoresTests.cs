using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Silo.Backtest;

namespace Simulation.Tests.Backtest;

public class ForecastScoresTests
{
    private const int Digits = 12;

    private static void AssertVector(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    // --- RPS ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(Grade.Inadequate)]
    [InlineData(Grade.RequiresImprovement)]
    [InlineData(Grade.Good)]
    [InlineData(Grade.Outstanding)]
    public void Rps_of_a_perfect_forecast_is_zero(Grade g) =>
        Assert.Equal(0.0, ForecastScores.Rps(ForecastScores.PointMass(g), g));

    [Fact]
    public void Rps_of_a_point_mass_at_the_opposite_end_is_one()
    {
        // F = 1, 1, 1; O = 0, 0, 0 → (1 + 1 + 1) / 3 = 1.
        Assert.Equal(1.0, ForecastScores.Rps(ForecastScores.PointMass(Grade.Inadequate), Grade.Outstanding), Digits);
        Assert.Equal(1.0, ForecastScores.Rps(ForecastScores.PointMass(Grade.Outstanding), Grade.Inadequate), Digits);
    }

    [Fact]
    public void Rps_by_hand()
    {
        // p = [0.1, 0.2, 0.3, 0.4], observed good (index 2).
        // F = 0.1, 0.3, 0.6; O = 0, 0, 1.
        // (0.1² + 0.3² + 0.4²) / 3 = (0.01 + 0.09 + 0.16) / 3 = 0.26 / 3 = 0.0866666...
        Assert.Equal(0.26 / 3, ForecastScores.Rps([0.1, 0.2, 0.3, 0.4], Grade.Good), Digits);
        // Missing by one grade costs less than missing by three: point mass on RI, observed good:
        // F = 0, 1, 1; O = 0, 0, 1 → (0 + 1 + 0) / 3 = 1/3.
        Assert.Equal(1.0 / 3, ForecastScores.Rps(ForecastScores.PointMass(Grade.RequiresImprovement), Grade.Good), Digits);
    }

    [Fact]
    public void Scores_reject_a_forecast_that_is_not_four_probabilities()
    {
        Assert.Throws<ArgumentException>(() => ForecastScores.Rps([0.5, 0.5, 0.0], Grade.Good));
        Assert.Throws<ArgumentException>(() => ForecastScores.Rps([0.5, 0.5, 0.5, 0.0], Grade.Good));
        Assert.Throws<ArgumentException>(() => ForecastScores.LogScore([1.5, -0.5, 0.0, 0.0], Grade.Good));
        Assert.Throws<ArgumentException>(() => ForecastScores.MostLikely([double.NaN, 0.5, 0.5, 0.0]));
    }

    // --- Log score ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(Grade.Inadequate)]
    [InlineData(Grade.Outstanding)]
    public void Log_score_of_uniform_is_ln_4(Grade g) =>
        // p' = 0.99 × 0.25 + 0.0025 = 0.25: the mixing keeps uniform uniform.
        Assert.Equal(Math.Log(4), ForecastScores.LogScore([0.25, 0.25, 0.25, 0.25], g), Digits);

    [Fact]
    public void Log_score_of_a_point_mass_hit_and_miss()
    {
        // Hit: p' = 0.99 × 1 + 0.0025 = 0.9925 = 1 - 3 × 0.0025.
        Assert.Equal(-Math.Log(1 - 3 * ForecastScores.LogFloor),
            ForecastScores.LogScore(ForecastScores.PointMass(Grade.Good), Grade.Good), Digits);
        // Miss: p' = 0.99 × 0 + 0.0025.
        Assert.Equal(-Math.Log(ForecastScores.LogFloor),
            ForecastScores.LogScore(ForecastScores.PointMass(Grade.Good), Grade.Inadequate), Digits);
        Assert.Equal(0.0025, ForecastScores.LogFloor);
    }

    // --- Most likely -------------------------------------------------------------------------------

    [Fact]
    public void Most_likely_breaks_ties_towards_the_worse_grade()
    {
        Assert.Equal(Grade.Outstanding, ForecastScores.MostLikely([0.1, 0.2, 0.3, 0.4]));
        Assert.Equal(Grade.RequiresImprovement, ForecastScores.MostLikely([0.1, 0.4, 0.4, 0.1]));
        Assert.Equal(Grade.Good, ForecastScores.MostLikely([0.0, 0.0, 0.5, 0.5]));
        Assert.Equal(Grade.Inadequate, ForecastScores.MostLikely([0.25, 0.25, 0.25, 0.25]));
        Assert.Equal(Grade.Inadequate, ForecastScores.MostLikely([0.5, 0.0, 0.0, 0.5]));
    }

    [Fact]
    public void Point_mass_puts_one_at_the_grade_index()
    {
        AssertVector([1, 0, 0, 0], ForecastScores.PointMass(Grade.Inadequate));
        AssertVector([0, 0, 0, 1], ForecastScores.PointMass(Grade.Outstanding));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForecastScores.PointMass((Grade)0));
    }

    // --- Baselines ---------------------------------------------------------------------------------

    private static readonly Month Cutoff = Month.Parse("2020-06");

    // Listed out of month order on purpose.
    //   A: 2015-01 good, 2018-01 RI, 2021-01 outstanding (after the cutoff: RI → outstanding straddles it)
    //   B: 2019-03 good, 2016-01 inadequate, 2017-06 RI   (in month order: inadequate → RI → good)
    //   C: 2014-05 good, 2017-02 good
    //   D: 2022-01 inadequate                              (nothing by the cutoff)
    private static readonly RecordedJudgement[] Record =
    [
        new("A", Month.Parse("2021-01"), Grade.Outstanding),
        new("B", Month.Parse("2019-03"), Grade.Good),
        new("A", Month.Parse("2015-01"), Grade.Good),
        new("C", Month.Parse("2017-02"), Grade.Good),
        new("B", Month.Parse("2016-01"), Grade.Inadequate),
        new("D", Month.Parse("2022-01"), Grade.Inadequate),
        new("A", Month.Parse("2018-01"), Grade.RequiresImprovement),
        new("C", Month.Parse("2014-05"), Grade.Good),
        new("B", Month.Parse("2017-06"), Grade.RequiresImprovement),
    ];

    [Fact]
    public void Latest_at_takes_each_councils_last_judgement_by_the_cutoff()
    {
        var latest = Baselines.LatestAt(Record, Cutoff);
        Assert.Equal(3, latest.Count);
        Assert.Equal(Grade.RequiresImprovement, latest["A"]);
        Assert.Equal(Grade.Good, latest["B"]);
        Assert.Equal(Grade.Good, latest["C"]);
        Assert.False(latest.ContainsKey("D"));
        // The cutoff is inclusive.
        Assert.Equal(Grade.Outstanding, Baselines.LatestAt(Record, Month.Parse("2021-01"))["A"]);
        Assert.Equal(Grade.RequiresImprovement, Baselines.LatestAt(Record, Month.Parse("2020-12"))["A"]);
    }

    [Fact]
    public void Climatology_is_the_shares_of_the_latest_grades()
    {
        // Latest at the cutoff: A RI, B good, C good → [0, 1/3, 2/3, 0].
        AssertVector([0, 1.0 / 3, 2.0 / 3, 0], Baselines.Climatology(Record, Cutoff));
        // After 2022-01: A outstanding, B good, C good, D inadequate → [1/4, 0, 2/4, 1/4].
        AssertVector([0.25, 0, 0.5, 0.25], Baselines.Climatology(Record, Month.Parse("2022-01")));
        // Before any judgement: uniform.
        AssertVector([0.25, 0.25, 0.25, 0.25], Baselines.Climatology(Record, Month.Parse("2010-01")));
        AssertVector([0.25, 0.25, 0.25, 0.25], Baselines.Climatology([], Cutoff));
    }

    [Fact]
    public void Persistence_is_the_last_known_grade_else_climatology()
    {
        AssertVector([0, 1, 0, 0], Baselines.Persistence(Record, Cutoff, "A"));
        AssertVector([0, 0, 1, 0], Baselines.Persistence(Record, Cutoff, "B"));
        // D's only judgement is after the cutoff; E has none at all.
        AssertVector([0, 1.0 / 3, 2.0 / 3, 0], Baselines.Persistence(Record, Cutoff, "D"));
        AssertVector([0, 1.0 / 3, 2.0 / 3, 0], Baselines.Persistence(Record, Cutoff, "E"));
    }

    [Fact]
    public void Transition_matrix_counts_pairs_within_the_cutoff()
    {
        // Pairs with both judgements by 2020-06:
        //   A: good → RI             (RI → outstanding has its second judgement in 2021-01: excluded)
        //   B: inadequate → RI, RI → good
        //   C: good → good
        // Rows (from): inadequate: {RI: 1}           → [0, 1, 0, 0]
        //              RI:         {good: 1}         → [0, 0, 1, 0]   (would be [0, 0, ½, ½] if the straddling pair counted)
        //              good:       {RI: 1, good: 1}  → [0, ½, ½, 0]
        //              outstanding: none             → climatology [0, 1/3, 2/3, 0]
        var m = Baselines.TransitionMatrix(Record, Cutoff);
        Assert.Equal(4, m.GetLength(0));
        Assert.Equal(4, m.GetLength(1));
        double[,] expected =
        {
            { 0, 1, 0, 0 },
            { 0, 0, 1, 0 },
            { 0, 0.5, 0.5, 0 },
            { 0, 1.0 / 3, 2.0 / 3, 0 },
        };
        for (var i = 0; i < 4; i++)
        {
            var row = 0.0;
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(expected[i, j], m[i, j], 1e-12);
                row += m[i, j];
            }
            Assert.Equal(1.0, row, Digits);
        }
    }

    [Fact]
    public void Transition_matrix_does_not_link_councils()
    {
        // A single judgement per council: no transitions at all, so every row is climatology ([½, ½, 0, 0]),
        // although "X inadequate then Y RI" would be a pair if councils were not kept apart.
        RecordedJudgement[] record =
        [
            new("X", Month.Parse("2015-01"), Grade.Inadequate),
            new("Y", Month.Parse("2016-01"), Grade.RequiresImprovement),
        ];
        var m = Baselines.TransitionMatrix(record, Cutoff);
        for (var i = 0; i < 4; i++)
        {
            AssertVector([0.5, 0.5, 0, 0], [m[i, 0], m[i, 1], m[i, 2], m[i, 3]]);
        }
    }

    [Fact]
    public void Markov_one_and_two_steps_ahead()
    {
        var m = Baselines.TransitionMatrix(Record, Cutoff);
        var climatology = Baselines.Climatology(Record, Cutoff);

        // From good, one step: row good = [0, ½, ½, 0].
        AssertVector([0, 0.5, 0.5, 0], Baselines.Markov(m, Grade.Good, climatology, 1));
        // Two steps: [0, ½, ½, 0] × M = ½ × row RI + ½ × row good
        //          = ½ × [0, 0, 1, 0] + ½ × [0, ½, ½, 0] = [0, ¼, ¾, 0].
        AssertVector([0, 0.25, 0.75, 0], Baselines.Markov(m, Grade.Good, climatology, 2));

        // From inadequate: one step [0, 1, 0, 0]; two steps row RI = [0, 0, 1, 0]; three steps row good.
        AssertVector([0, 1, 0, 0], Baselines.Markov(m, Grade.Inadequate, climatology, 1));
        AssertVector([0, 0, 1, 0], Baselines.Markov(m, Grade.Inadequate, climatology, 2));
        AssertVector([0, 0.5, 0.5, 0], Baselines.Markov(m, Grade.Inadequate, climatology, 3));

        // No known grade: start from climatology [0, 1/3, 2/3, 0].
        // One step: 1/3 × row RI + 2/3 × row good = [0, 0, 1/3, 0] + [0, 1/3, 1/3, 0] = [0, 1/3, 2/3, 0].
        AssertVector([0, 1.0 / 3, 2.0 / 3, 0], Baselines.Markov(m, null, climatology, 1));

        Assert.Throws<ArgumentOutOfRangeException>(() => Baselines.Markov(m, Grade.Good, climatology, 0));
    }

    [Fact]
    public void Markov_from_a_uniform_start_by_hand()
    {
        // A start that exercises every row: climatology [¼, ¼, ¼, ¼] (no grade known).
        // One step: ¼ × ([0,1,0,0] + [0,0,1,0] + [0,½,½,0] + [0,1/3,2/3,0]) = ¼ × [0, 11/6, 13/6, 0] = [0, 11/24, 13/24, 0].
        // Two steps: 11/24 × row RI + 13/24 × row good = [0, 0, 11/24, 0] + [0, 13/48, 13/48, 0] = [0, 13/48, 35/48, 0].
        var m = Baselines.TransitionMatrix(Record, Cutoff);
        double[] uniform = [0.25, 0.25, 0.25, 0.25];
        AssertVector([0, 11.0 / 24, 13.0 / 24, 0], Baselines.Markov(m, null, uniform, 1));
        AssertVector([0, 13.0 / 48, 35.0 / 48, 0], Baselines.Markov(m, null, uniform, 2));
    }

    // --- Summaries ---------------------------------------------------------------------------------

    private static readonly Month When = Month.Parse("2021-01");

    [Fact]
    public void Summarise_per_forecaster_in_first_appearance_order()
    {
        ScoredForecast[] forecasts =
        [
            // model, A: RPS 0.26/3 (see Rps_by_hand); p'[good] = 0.99 × 0.3 + 0.0025 = 0.2995; most likely outstanding: miss.
            new("model", "A", When, Grade.Good, [0.1, 0.2, 0.3, 0.4]),
            // persistence, A: point mass RI, observed good: RPS 1/3; log -ln 0.0025; miss.
            new("persistence", "A", When, Grade.Good, ForecastScores.PointMass(Grade.RequiresImprovement)),
            // model, B: point mass RI hit: RPS 0; log -ln 0.9925; hit.
            new("model", "B", When, Grade.RequiresImprovement, [0, 1, 0, 0]),
            // persistence, B: the same hit.
            new("persistence", "B", When, Grade.RequiresImprovement, ForecastScores.PointMass(Grade.RequiresImprovement)),
        ];
        var summary = ForecastSummary.Summarise(forecasts);
        Assert.Equal(["model", "persistence"], summary.Select(s => s.Forecaster));

        var model = summary[0];
        Assert.Equal(2, model.Count);
        Assert.Equal(0.26 / 3 / 2, model.MeanRps, Digits); // 0.043333...
        Assert.Equal((-Math.Log(0.2995) - Math.Log(0.9925)) / 2, model.MeanLogScore, Digits);
        Assert.Equal(0.5, model.Accuracy);

        var persistence = summary[1];
        Assert.Equal(2, persistence.Count);
        Assert.Equal(1.0 / 6, persistence.MeanRps, Digits);
        Assert.Equal((-Math.Log(0.0025) - Math.Log(0.9925)) / 2, persistence.MeanLogScore, Digits);
        Assert.Equal(0.5, persistence.Accuracy);

        // Skill of the model against persistence: 1 - (0.26/6) / (1/6) = 1 - 0.26 = 0.74.
        Assert.Equal(0.74, ForecastSummary.Skill(model.MeanRps, persistence.MeanRps), Digits);
    }

    [Fact]
    public void Skill_is_nan_against_a_perfect_baseline()
    {
        Assert.Equal(0.0, ForecastSummary.Skill(0.2, 0.2), Digits);
        Assert.Equal(1.0, ForecastSummary.Skill(0.0, 0.2), Digits);
        Assert.Equal(-1.0, ForecastSummary.Skill(0.4, 0.2), Digits);
        Assert.True(double.IsNaN(ForecastSummary.Skill(0.1, 0.0)));
        Assert.True(double.IsNaN(ForecastSummary.Skill(0.0, 0.0)));
    }

    [Fact]
    public void Reliability_bins_every_grade_probability()
    {
        ScoredForecast[] forecasts =
        [
            // pairs (p, outcome): (0, 0), (1.0, 1), (0, 0), (0, 0)
            new("model", "A", When, Grade.RequiresImprovement, [0, 1, 0, 0]),
            // pairs: (0.05, 0), (0.15, 0), (0.3, 1), (0.5, 0)
            new("model", "B", When, Grade.Good, [0.05, 0.15, 0.3, 0.5]),
            // another forecaster, kept apart: (0.25, 1) once and (0.25, 0) three times
            new("uniform", "A", When, Grade.Inadequate, [0.25, 0.25, 0.25, 0.25]),
        ];
        var rows = ForecastSummary.Reliability(forecasts);
        Assert.Equal(20, rows.Count);
        var model = rows.Where(r => r.Forecaster == "model").ToList();
        Assert.Equal(10, model.Count);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i / 10.0, model[i].Lower, Digits);
            Assert.Equal((i + 1) / 10.0, model[i].Upper, Digits);
        }

        // Bin 0 [0, 0.1): 0, 0, 0 (both zero-probability sets) and 0.05 → 4 pairs, mean 0.05/4 = 0.0125, no hits.
        Assert.Equal(4, model[0].Count);
        Assert.Equal(0.0125, model[0].MeanForecast, Digits);
        Assert.Equal(0.0, model[0].ObservedFrequency);
        // Bin 1 [0.1, 0.2): 0.15, miss.
        Assert.Equal(1, model[1].Count);
        Assert.Equal(0.15, model[1].MeanForecast, Digits);
        Assert.Equal(0.0, model[1].ObservedFrequency);
        // 0.3 sits on the lower bound of bin 3 [0.3, 0.4): hit.
        Assert.Equal(0, model[2].Count);
        Assert.Equal(1, model[3].Count);
        Assert.Equal(0.3, model[3].MeanForecast, Digits);
        Assert.Equal(1.0, model[3].ObservedFrequency);
        // 0.5 on the lower bound of bin 5: miss.
        Assert.Equal(1, model[5].Count);
        Assert.Equal(0.0, model[5].ObservedFrequency);
        // 1.0 falls in the last bin [0.9, 1.0]: hit.
        Assert.Equal(1, model[9].Count);
        Assert.Equal(1.0, model[9].MeanForecast, Digits);
        Assert.Equal(1.0, model[9].ObservedFrequency);
        // Empty bins are still emitted, with NaN.
        foreach (var i in new[] { 2, 4, 6, 7, 8 })
        {
            Assert.Equal(0, model[i].Count);
            Assert.True(double.IsNaN(model[i].MeanForecast));
            Assert.True(double.IsNaN(model[i].ObservedFrequency));
        }
        Assert.Equal(8, model.Sum(r => r.Count));

        // Uniform: all four pairs at 0.25 in bin 2 [0.2, 0.3), one hit in four.
        var uniform = rows.Where(r => r.Forecaster == "uniform").ToList();
        Assert.Equal(4, uniform[2].Count);
        Assert.Equal(0.25, uniform[2].MeanForecast, Digits);
        Assert.Equal(0.25, uniform[2].ObservedFrequency, Digits);
        Assert.Equal(4, uniform.Sum(r => r.Count));
    }

    [Fact]
    public void Reliability_bins_follow_the_reported_bounds()
    {
        // 0.7 as a double lies exactly on bin 7's lower bound 7/10.0, whatever 0.7 × 10 rounds to;
        // a hair below it belongs to bin 6.
        ScoredForecast[] forecasts =
        [
            new("m", "A", When, Grade.Inadequate, [0.7, 0.3, 0, 0]),
            new("m", "B", When, Grade.Inadequate, [0.7 - 1e-12, 0.3 + 1e-12, 0, 0]),
        ];
        var rows = ForecastSummary.Reliability(forecasts);
        Assert.Equal(1, rows[7].Count);
        Assert.Equal(1, rows[6].Count);
        Assert.Equal(2, rows[3].Count);
        Assert.Equal(4, rows[0].Count);

        // Five bins of width 0.2: 0.7 in [0.6, 0.8), 0.3 in [0.2, 0.4).
        var five = ForecastSummary.Reliability(forecasts, 5);
        Assert.Equal(5, five.Count);
        Assert.Equal(2, five[3].Count);
        Assert.Equal(2, five[1].Count);
    }
}
