using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Plots;
using Simulation.Silo.Reports;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cli;

/// <summary>
/// What figures and reports show people: display names instead of code names, legends without
/// series that never appear, and an executive summary generated from the run.
/// </summary>
public class PresentationTests
{
    [Fact]
    public void Display_names_are_words_not_code_names()
    {
        foreach (var name in Enum.GetValues<Grade>().Select(g => Grades.DisplayName(g))
            .Concat(Enum.GetValues<Arrangement>().Select(Arrangements.DisplayName))
            .Concat(EventType.All.Select(t => EventType.DisplayName(t.Name))))
        {
            Assert.DoesNotContain('_', name);
            Assert.False(name.Skip(1).Any(char.IsUpper) && !name.StartsWith("IT ", StringComparison.Ordinal), $"'{name}' looks like a code name");
        }
        Assert.Equal("requires improvement", Grades.DisplayName(Grade.RequiresImprovement));
        Assert.Equal("adequate", Grades.DisplayName(Grade.RequiresImprovement, Month.Of(2011, 11)));
        Assert.Equal("requires improvement", Grades.DisplayName(Grade.RequiresImprovement, Month.Of(2013, 11)));
        Assert.Equal("independent trust", Arrangements.DisplayName(Arrangement.IndependentTrust));
        Assert.Equal("trust go-live", EventType.DisplayName("trust_go_live"));
    }

    /// <summary>A summary of one council over a year: every replicate judged inadequate in March, two of four requires improvement in September.</summary>
    private static RunSummary Summary()
    {
        const int replicates = 4;
        var summary = new RunSummary([("test", "Testshire")], replicates, councilBands: false);
        for (var m = Month.Of(2015, 1); m <= Month.Of(2015, 12); m += 1)
        {
            var inspections = new List<InspectionRecord>();
            for (var r = 0; r < replicates; r++)
            {
                if (m == Month.Of(2015, 3)) inspections.Add(new InspectionRecord(r, new Judgement("test", m, Framework.SingleInspection, Grade.Inadequate, null, null, null)));
                if (m == Month.Of(2015, 9) && r < 2) inspections.Add(new InspectionRecord(r, new Judgement("test", m, Framework.SingleInspection, Grade.RequiresImprovement, null, null, null)));
            }
            var arrangements = m == Month.Of(2015, 1)
                ? Enumerable.Range(0, replicates).Select(r => new ArrangementRecord(r, m, "test", Arrangement.InHouse, "test", "")).ToImmutableArray()
                : [];
            summary.Write(new MonthResult(m, MetricCollection.Empty, [.. inspections], [], arrangements));
        }
        return summary;
    }

    [Fact]
    public void The_rating_legend_names_only_the_series_drawn()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("failing-council.yaml"));
        var summary = Summary();
        var plot = Figures.Rating(scenario, summary, summary.Councils[0]);
        var labels = plot.Legend.GetItems().Select(i => i.LabelText).ToList();
        Assert.Contains("inadequate", labels);
        Assert.Contains(Figures.GradeLabel(Grade.RequiresImprovement), labels);
        Assert.Contains("not yet judged", labels);
        // No replicate was judged good or outstanding, and the council has no documented judgements.
        Assert.DoesNotContain("good", labels);
        Assert.DoesNotContain("outstanding", labels);
        Assert.DoesNotContain(labels, l => l.Contains("documented", StringComparison.Ordinal));
        Assert.DoesNotContain(labels, l => l.Contains('_', StringComparison.Ordinal));
        // Axis labels name the quantity and unit only; provenance is in the caption.
        Assert.Equal("year", plot.Axes.Bottom.Label.Text);
        Assert.Equal("share of replicates (%)", plot.Axes.Left.Label.Text);
        var caption = Figures.CouncilFigures(scenario, summary, summary.Councils[0]).Single(f => f.Name == "rating").Caption;
        Assert.Contains("4 replicates", caption, StringComparison.Ordinal);
        Assert.Contains("docs/ODD.md", caption, StringComparison.Ordinal);
    }

    [Fact]
    public void The_executive_summary_gives_the_replicates_and_shares_in_percent()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("failing-council.yaml"));
        var text = string.Join(" ", ExecutiveSummary.Run(scenario, Summary()));
        Assert.Contains("4 simulated histories", text, StringComparison.Ordinal);
        Assert.Contains("seed", text, StringComparison.Ordinal);
        // December 2015: every replicate inadequate or requires improvement, half of them inadequate.
        Assert.Contains("In 0% of the 4 replicates Testshire had a good or outstanding judgement in force in December 2015, and in 50% an inadequate one.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(18, 2)]
    [InlineData(40, 5)]
    public void Year_ticks_thin_out_for_long_runs(int years, int step) => Assert.Equal(step, Figures.YearStep(years));
}
