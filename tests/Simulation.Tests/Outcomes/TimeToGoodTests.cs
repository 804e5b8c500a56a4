using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Silo.Outcomes;
using Simulation.Silo.Statistics;

namespace Simulation.Tests.Outcomes;

/// <summary>The one definition of the time to good, and the run-level summaries built on it.</summary>
public sealed class TimeToGoodTests
{
    private static Judgement J(string month, Grade grade) => new("c", Month.Parse(month), Framework.SingleInspection, grade, null, null, null);

    private static readonly Month End = Month.Parse("2020-12");

    [Fact]
    public void From_the_first_inadequate_to_the_first_good_or_better_after_it()
    {
        var t = TimeToGood.Of([J("2013-01", Grade.Good), J("2014-03", Grade.Inadequate), J("2015-03", Grade.RequiresImprovement), J("2016-09", Grade.Inadequate), J("2017-03", Grade.Outstanding)], End);
        Assert.Equal(new SurvivalTime(36, true), t);
    }

    [Fact]
    public void Never_good_again_is_censored_at_the_run_end_and_never_inadequate_is_not_at_risk()
    {
        Assert.Equal(new SurvivalTime(End.MonthsSince(Month.Parse("2018-06")), false), TimeToGood.Of([J("2018-06", Grade.Inadequate), J("2019-06", Grade.RequiresImprovement)], End));
        Assert.Null(TimeToGood.Of([J("2018-06", Grade.Good), J("2019-06", Grade.RequiresImprovement)], End));
        Assert.Null(TimeToGood.Of([], End));
    }

    [Fact]
    public void The_summary_reports_a_median_only_when_more_than_half_reach_good()
    {
        // Four histories judged inadequate in 2015-01: two good after 12 and 24 months, two never
        // (censored at the end, 71 months on): the Kaplan–Meier median is 24 months (S falls to 0.5
        // there); a naive median "among those that got there" would say 18.
        var rows = new List<ReplicateOutcome>();
        var end = Month.Parse("2020-12");
        (string Month, Grade Grade)[][] histories =
        [
            [("2015-01", Grade.Inadequate), ("2016-01", Grade.Good)],
            [("2015-01", Grade.Inadequate), ("2017-01", Grade.Good)],
            [("2015-01", Grade.Inadequate), ("2017-01", Grade.RequiresImprovement)],
            [("2015-01", Grade.Inadequate)],
        ];
        for (var r = 0; r < histories.Length; r++)
        {
            var judgements = histories[r].Select(h => J(h.Month, h.Grade)).ToList();
            rows.Add(new ReplicateOutcome(r, "c", Month.Parse("2015-01"), TimeToGood.Of(judgements, end), 0, 0, 1, 0.1, judgements[^1], judgements));
        }
        var set = new OutcomeSet(Month.Parse("2015-01"), end, 4, ["c"], rows);
        var summary = OutcomeTable.SummaryRows([new VariantOutcomes("v", [], set)]).Single();
        Assert.Equal(4, summary.TimeToGood!.Count);
        Assert.Equal(2, summary.TimeToGood.Events);
        Assert.Equal(24, summary.TimeToGood.Median().Estimate);
        Assert.Equal(0.5, summary.GoodWithinHorizon, 12);
        // Good or better in force at the end: the two that reached good.
        Assert.Equal(0.5, summary.ShareGoodAtEnd);
        // The shared inspection is 2015-01 (every replicate was inspected then); 2017-01 only by two.
        Assert.Equal([Month.Parse("2015-01")], set.SharedInspections()["c"]);
        var csv = OutcomeTable.Rows([new VariantOutcomes("v", [], set)]).Split('\n');
        Assert.EndsWith(",grade_2015_01", csv[0], StringComparison.Ordinal);
        Assert.Equal("v,3,c,2015-01,71,1,0,0,1,0.1,inadequate,inadequate", csv[4]);
    }
}
