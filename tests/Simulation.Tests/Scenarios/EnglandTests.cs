using Simulation.Model.Inspection;
using Simulation.Scenarios;
using Simulation.Scenarios.Generators;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Scenarios;

/// <summary>The synthetic national scenario (england-synthetic.yaml): generated reproducibly, and it runs.</summary>
public class EnglandTests
{
    [Fact]
    public void The_shipped_file_is_the_generators_output()
    {
        Assert.True(File.ReadAllText(Repository.Scenario("england-synthetic.yaml")) == SyntheticEnglandGenerator.Generate(),
            "scenarios/england-synthetic.yaml differs from `simulation generate england-synthetic`: regenerate it with scripts/update-docs.sh");
        Assert.NotEqual(SyntheticEnglandGenerator.Generate(), SyntheticEnglandGenerator.Generate(7));
    }

    [Fact]
    public void The_councils_match_the_national_figures_they_were_drawn_to()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("england-synthetic.yaml"));
        Assert.Equal(151, s.Setup.Councils.Length);
        Assert.Equal(9, s.Setup.Councils.Select(c => c.Region).Distinct().Count());
        Assert.Equal(33, s.Setup.Councils.Count(c => c.Region == "london"));
        var children = s.Setup.Councils.Sum(c => c.Children);
        Assert.InRange(children, 10.5e6, 13e6); // NATIONAL.md: about 11.8 million over 151 authorities
        var referrals = s.Setup.Councils.Sum(c => c.ReferralRate * c.Children) / children;
        Assert.InRange(referrals, 500, 600); // NATIONAL.md: 530-550 per 10,000
        var inCare = s.Setup.Councils.Sum(c => c.ChildrenInCare) / children * 10_000;
        Assert.InRange(inCare, 60, 80); // NATIONAL.md: about 70 per 10,000
    }

    [Fact]
    public async Task A_small_national_run_judges_councils_differently()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("england-synthetic.yaml"));
        var setup = s.Setup with { Replicates = 2, End = Simulation.Model.Time.Month.Parse("2011-12") };
        var results = await Runs.DirectAsync(setup);
        var judged = results.SelectMany(r => r.Inspections).ToList();
        Assert.Equal(151, judged.Where(i => i.Replicate == 0).Select(i => i.Judgement.Area).Distinct().Count());
        var grades = judged.GroupBy(i => i.Judgement.Overall).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(grades.Count >= 3, "a national run should give a spread of grades: " + string.Join(", ", grades));
        Assert.True(grades.GetValueOrDefault(Grade.Inadequate) < judged.Count / 2, "most councils should not be inadequate");
    }

    [Fact]
    public void Bench_reports_its_figures_on_its_last_line()
    {
        var (exit, output, err) = Run("bench", "--scenario", Repository.Scenario("two-councils.yaml"), "-n", "4", "--scaling", "2");
        Assert.True(exit == 0, err);
        Assert.Contains("inspection tables identical", output, StringComparison.Ordinal);
        Assert.Contains("direct, one thread", output, StringComparison.Ordinal);
        Assert.Contains("per-core efficiency", output, StringComparison.Ordinal);
        // Orleans and the all-cores direct runner are each timed twice, interleaved, and so is a
        // scaling point smaller than the main run; both times shown.
        Assert.Equal(3, output.Split("faster of ").Length - 1);
        Assert.Matches(@"scaling +2 replicates: .*us per council-month, [+-]\d+% against 4 replicates; faster of ", output);
        Assert.Matches(@"^bench: council-months/s=\d+ direct=\d+ ratio=\d+\.\d\d peak_mb=\d+ parallel=\d+$", output.Trim().Split('\n')[^1]);
    }
}
