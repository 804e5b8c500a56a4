using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;
using Simulation.Model.Service;

namespace Simulation.Tests.Model;

public class InspectionTests
{
    private static readonly InspectionParameters P = new() { AdequateThreshold = 0.45, GoodThreshold = 0.62, OutstandingThreshold = 0.8 };
    private static readonly Month M = Month.Parse("2015-10");

    [Fact]
    public void The_overall_score_weighs_the_sub_scores_by_the_parameters()
    {
        // Default weights: 0.4 x 0.7 + 0.3 x 0.5 + 0.3 x 0.7 = 0.64, good (at most one above the weakest, requires improvement).
        var s = new Inspector.Scores(0.70, 0.50, 0.70);
        Assert.Equal(0.64, s.Overall(P), 12);
        Assert.Equal(Grade.Good, Inspector.Grade(s, "x", M, Framework.SingleInspection, P).Overall);
        // Children in care weighed most: 0.2 x 0.7 + 0.6 x 0.5 + 0.2 x 0.7 = 0.58, requires improvement.
        var careFirst = P with { HelpWeight = 0.2, CareWeight = 0.6, LeadershipWeight = 0.2 };
        Assert.Equal(0.58, s.Overall(careFirst), 12);
        Assert.Equal(Grade.RequiresImprovement, Inspector.Grade(s, "x", M, Framework.SingleInspection, careFirst).Overall);
    }

    [Fact]
    public void Inadequate_help_and_protection_makes_the_overall_judgement_inadequate()
    {
        var j = Inspector.Grade(new Inspector.Scores(0.40, 0.70, 0.70), "x", M, Framework.SingleInspection, P);
        Assert.Equal(Grade.Inadequate, j.HelpAndProtection);
        Assert.Equal(Grade.Good, j.ChildrenInCare);
        Assert.Equal(Grade.Inadequate, j.Overall);
    }

    [Fact]
    public void Overall_is_held_to_one_grade_above_the_weakest()
    {
        // Weighted 0.4 × 0.9 + 0.3 × 0.9 + 0.3 × 0.4 = 0.75 would be good; inadequate leadership holds it
        // to requires improvement: the pattern of February 2022.
        var j = Inspector.Grade(new Inspector.Scores(0.90, 0.90, 0.40), "x", M, Framework.Ilacs, P);
        Assert.Equal(Grade.Inadequate, j.Leadership);
        Assert.Equal(Grade.RequiresImprovement, j.Overall);
    }

    [Fact]
    public void Frameworks_publish_only_what_they_judge()
    {
        var s = new Inspector.Scores(0.5, 0.7, 0.7);
        var annual = Inspector.Grade(s, "x", M, Framework.AnnualAssessment, P);
        Assert.Null(annual.HelpAndProtection);
        Assert.Null(annual.Leadership);
        var unannounced = Inspector.Grade(s, "x", M, Framework.UnannouncedChildProtection, P);
        Assert.Equal(Grade.RequiresImprovement, unannounced.Overall);
        Assert.Equal(unannounced.HelpAndProtection, unannounced.Overall);
        Assert.Null(unannounced.ChildrenInCare);
    }

    [Fact]
    public void Adequate_became_requires_improvement_in_November_2013()
    {
        Assert.Equal("adequate", Frameworks.Label(Grade.RequiresImprovement, Frameworks.ForMonth(Month.Parse("2013-10"))));
        Assert.Equal("requires_improvement", Frameworks.Label(Grade.RequiresImprovement, Frameworks.ForMonth(Month.Parse("2013-11"))));
        Assert.Equal(Framework.Ilacs, Frameworks.ForMonth(Month.Parse("2018-01")));
    }

    [Fact]
    public void The_inspectors_view_is_a_noisy_sample_of_practice()
    {
        var report = ServiceReports.With(quality: 0.6);
        var rng = new CounterRandom(1);
        var scores = Enumerable.Range(0, 2000).Select(_ => Inspector.Sample(report, P, rng).HelpAndProtection).ToArray();
        Assert.InRange(scores.Average(), 0.59, 0.61);
        var sd = Math.Sqrt(scores.Select(x => (x - 0.6) * (x - 0.6)).Average());
        Assert.InRange(sd, 0.06, 0.095); // sqrt(0.6 × 0.4 / 40) ≈ 0.077
    }

    [Fact]
    public void Cadence_is_yearly_to_2012_then_by_grade()
    {
        var rng = new CounterRandom(2);
        Assert.Equal(Month.Parse("2011-12"), Cadence.Next(Month.Parse("2010-12"), Grade.Good, P, rng));
        for (var i = 0; i < 100; i++)
        {
            var afterInadequate = Cadence.Next(Month.Parse("2015-10"), Grade.Inadequate, P, rng);
            Assert.InRange(afterInadequate.MonthsSince(Month.Parse("2015-10")), 24, 36);
            var afterGood = Cadence.Next(Month.Parse("2017-11"), Grade.Good, P, rng);
            Assert.InRange(afterGood.MonthsSince(Month.Parse("2017-11")), 30, 42);
        }
        Assert.True(Cadence.Next(Month.Parse("2012-12"), Grade.Good, P, rng) >= Frameworks.SingleInspectionStart);
    }

    [Fact]
    public void Inspections_due_in_a_pause_wait_for_its_end()
    {
        var start = Month.Parse("2020-03");
        var end = Month.Parse("2021-04");
        Assert.Equal(Month.Parse("2021-05"), Cadence.AfterPause(Month.Parse("2020-03"), start, end));
        Assert.True(Cadence.AfterPause(Month.Parse("2020-12"), start, end) > Month.Parse("2021-04"));
        Assert.Equal(Month.Parse("2019-06"), Cadence.AfterPause(Month.Parse("2019-06"), start, end));
    }
}

public class GradeDistributionTests
{
    private static readonly InspectionParameters P = new() { SampleCases = 40 };

    [Theory]
    [InlineData(0.3, 0.6, 1.0)]
    [InlineData(0.65, 0.7, 1.0)]
    [InlineData(0.6, 0.3, 0.5)]
    public void Exact_probabilities_match_the_frequencies_of_sampled_inspections(double quality, double leadership, double accuracy)
    {
        var report = ServiceReports.With(quality, leadership, accuracy);
        var exact = GradeDistribution.Of(report, Framework.Ilacs, P);
        var rng = new CounterRandom(17);
        const int n = 20_000;
        var sampled = Enumerable.Range(0, n).Select(_ => Inspector.Judge(report, Month.Parse("2020-01"), Framework.Ilacs, P, rng)).ToList();
        foreach (var g in Enum.GetValues<Grade>())
        {
            var frequency = sampled.Count(j => j.Overall == g) / (double)n;
            Assert.InRange(exact.Overall(g), frequency - 0.015, frequency + 0.015);
            var leadFrequency = sampled.Count(j => j.Leadership == g) / (double)n;
            Assert.InRange(exact.Probability(j => j.Leadership == g), leadFrequency - 0.015, leadFrequency + 0.015);
        }
        Assert.Equal(1, Enum.GetValues<Grade>().Sum(exact.Overall), 6); // masses below 1e-9 are skipped
    }

    [Fact]
    public void The_overall_grade_alone_has_the_same_bits_as_read_from_the_whole_distribution()
    {
        // Random states and parameters, every framework and grade: the conditioning's short cut
        // must give exactly what the whole distribution gives, not nearly.
        var rng = new CounterRandom(2026);
        var checkedNonZero = 0;
        for (var i = 0; i < 60; i++)
        {
            var p = new InspectionParameters
            {
                SampleCases = 10 + (int)(rng.NextDouble() * 60),
                LeadershipNoise = i % 10 == 0 ? 0 : 0.01 + 0.1 * rng.NextDouble(),
                HelpWeight = 0.2 + 0.4 * rng.NextDouble(),
                CareWeight = 0.1 + 0.3 * rng.NextDouble(),
                LeadershipWeight = 0.1 + 0.4 * rng.NextDouble(),
            };
            var report = ServiceReports.With(rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
            foreach (var framework in Enum.GetValues<Framework>())
            {
                var whole = GradeDistribution.Of(report, framework, p);
                foreach (var grade in Enum.GetValues<Grade>())
                {
                    var expected = whole.Overall(grade);
                    var actual = GradeDistribution.OverallProbability(report, framework, p, grade);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
                    if (expected > 0) checkedNonZero++;
                }
            }
        }
        Assert.True(checkedNonZero > 300, $"only {checkedNonZero} non-zero probabilities compared");
    }

    [Fact]
    public void The_cuts_sort_as_a_general_sort_would()
    {
        // Every 6-tuple of these values (117,649): the values come out in Span.Sort's order; without
        // NaN (a leadership weight of 0, below its range) bit for bit and with the same carried
        // indices. With NaN, Span.Sort's moving NaNs first may swap equal cuts (0.0 and -0.0 too).
        double[] values = [double.NaN, double.NegativeInfinity, -1, -0.0, 0.0, 1, double.PositiveInfinity];
        Span<double> cuts = stackalloc double[6];
        Span<double> expected = stackalloc double[6];
        Span<int> indices = stackalloc int[6];
        Span<int> expectedIndices = stackalloc int[6];
        var total = 1;
        for (var k = 0; k < 6; k++) total *= values.Length;
        for (var code = 0; code < total; code++)
        {
            var hasNaN = false;
            for (int k = 0, c = code; k < 6; k++, c /= values.Length)
            {
                cuts[k] = expected[k] = values[c % values.Length];
                indices[k] = expectedIndices[k] = k;
                hasNaN |= double.IsNaN(cuts[k]);
            }
            expected.Sort(expectedIndices);
            GradeDistribution.SortCuts(cuts, indices);
            for (var k = 0; k < 6; k++)
            {
                Assert.Equal(0, expected[k].CompareTo(cuts[k]));
                if (!hasNaN) Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k]), BitConverter.DoubleToInt64Bits(cuts[k]));
            }
            if (!hasNaN) Assert.True(expectedIndices.SequenceEqual(indices), $"indices differ for tuple {code}");
        }
    }

    [Fact]
    public void The_unannounced_inspection_publishes_help_and_protection_as_overall()
    {
        var d = GradeDistribution.Of(ServiceReports.With(0.4), Framework.UnannouncedChildProtection, P);
        Assert.Equal(d.Probability(j => j.HelpAndProtection == Grade.Inadequate), d.Overall(Grade.Inadequate), 12);
    }
}
