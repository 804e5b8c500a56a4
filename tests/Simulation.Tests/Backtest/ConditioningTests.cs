using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Backtest;
using Simulation.Silo.Cli;
using Simulation.Tests.Support;

namespace Simulation.Tests.Backtest;

/// <summary>
/// Conditioning a run on a judgement record: recorded judgements are published at their months up
/// to the cutoff, each replicate is weighted by the probability its service had of the recorded
/// overall grade, and the model runs free after the cutoff.
/// </summary>
public sealed class ConditioningTests
{
    public static string Fixture(string name) => Repository.File("tests", "Simulation.Tests", "Backtest", "Fixtures", name);

    [Fact]
    public void The_probability_of_a_recorded_grade_is_the_inspection_models_exact_chance_of_it()
    {
        // One sampled case per judgement and no leadership noise, so the chances can be counted by
        // hand. Practice 0.5 with nothing unallocated: the help-and-protection case shows good
        // practice with chance 0.5, the children-in-care case too (no offset). Leadership 1 and
        // records 1 put the leadership score at 1 when the help case is good, so:
        //   help bad (0.5): help inadequate, so overall inadequate;
        //   help good, care bad (0.25): care inadequate holds overall to one above it, requires improvement
        //     (the weighted score 0.4 + 0.3 = 0.7 would be good);
        //   help good, care good (0.25): every score 1, outstanding.
        var p = new InspectionParameters { SampleCases = 1, LeadershipNoise = 0, CareOffset = 0, LeadershipOwnWeight = 0.5, LeadershipKnowledgeWeight = 0.2 };
        var d = GradeDistribution.Of(0.5, 0.5, 1, 1, Framework.SingleInspection, p);
        Assert.Equal(0.5, d.Overall(Grade.Inadequate), 12);
        Assert.Equal(0.25, d.Overall(Grade.RequiresImprovement), 12);
        Assert.Equal(0, d.Overall(Grade.Good), 12);
        Assert.Equal(0.25, d.Overall(Grade.Outstanding), 12);
    }

    [Fact]
    public void The_loader_fixes_recorded_months_and_attaches_judgements_up_to_the_cutoff()
    {
        var s = ScenarioLoader.Load(Fixture("conditioned.yaml"));
        Assert.NotNull(s.Observed);
        Assert.Equal(Month.Parse("2015-12"), s.Observed!.Until);
        var a = s.Setup.Councils.Single(c => c.Id == "a").Inspections;
        Assert.Equal(Month.Parse("2013-11"), a.CadenceBefore);
        Assert.Equal(["2014-05", "2016-06", "2018-03"], a.Fixed.Select(f => f.Month.ToString()));
        Assert.Equal(Grade.Inadequate, a.Fixed[0].Observed!.Overall);
        Assert.Equal(Grade.RequiresImprovement, a.Fixed[0].Observed!.ChildrenInCare);
        Assert.Null(a.Fixed[1].Observed); // after the cutoff: free
        Assert.Null(a.Fixed[2].Observed);

        var later = s.WithObservedUntil(Month.Parse("2016-12"));
        Assert.Equal(Grade.RequiresImprovement, later.Setup.Councils.Single(c => c.Id == "a").Inspections.Fixed[1].Observed!.Overall);
        var earlier = s.WithObservedUntil(Month.Parse("2013-12"));
        Assert.All(earlier.Setup.Councils.SelectMany(c => c.Inspections.Fixed), f => Assert.Null(f.Observed));
    }

    [Fact]
    public async Task A_conditioned_run_publishes_the_recorded_judgements_and_weights_each_replicate()
    {
        var s = ScenarioLoader.Load(Fixture("conditioned.yaml")).With(null, 6);
        var months = await Runs.DirectAsync(s.Setup);
        var conditioned = months.SelectMany(m => m.Inspections).Where(i => i.Likelihood is not null).ToList();
        // a in 2014-05 and b in 2015-01, in each of 6 replicates.
        Assert.Equal(12, conditioned.Count);
        Assert.All(conditioned.Where(i => i.Judgement.Area == "a"), i =>
        {
            Assert.Equal(Month.Parse("2014-05"), i.Judgement.Month);
            Assert.Equal(Grade.Inadequate, i.Judgement.Overall);
            Assert.Equal(Grade.Inadequate, i.Judgement.Leadership);
            Assert.InRange(i.Likelihood!.Value, 0, 1);
        });
        // After the cutoff judgements emerge: not every replicate repeats the record.
        var free = months.SelectMany(m => m.Inspections).Where(i => i.Judgement.Month > Month.Parse("2015-12") && i.Judgement.Area is "a" or "b").ToList();
        Assert.All(free, i => Assert.Null(i.Likelihood));
        Assert.NotEmpty(free);

        // Before the record starts, the cadence rules inspect (yearly assessments to 2012); between
        // 2013-11 and the first recorded month, no inspection by cadence.
        var a0 = months.SelectMany(m => m.Inspections).Where(i => i.Replicate == 0 && i.Judgement.Area == "a").Select(i => i.Judgement.Month.ToString()).ToList();
        Assert.Equal(["2008-12", "2009-12", "2010-12", "2011-12", "2012-12", "2014-05", "2016-06", "2018-03"], a0.Take(8));
    }

    [Fact]
    public void Weights_multiply_the_likelihoods_and_are_normalised_per_council()
    {
        var s = ScenarioLoader.Load(Fixture("conditioned.yaml")).With(null, 3);
        var sink = new ConditioningSink(s);
        InspectionRecord Rec(int r, string council, string month, Grade g, double? likelihood) =>
            new(r, new Judgement(council, Month.Parse(month), Framework.SingleInspection, g, null, null, null), likelihood);
        sink.Write(Result("2014-05", Rec(0, "a", "2014-05", Grade.Inadequate, 0.5), Rec(1, "a", "2014-05", Grade.Inadequate, 0.25), Rec(2, "a", "2014-05", Grade.Inadequate, 0)));
        sink.Write(Result("2015-01", Rec(0, "a", "2015-01", Grade.Inadequate, 0.5), Rec(1, "a", "2015-01", Grade.Inadequate, 1)));
        // Replicate 0: 0.5 x 0.5 = 0.25; replicate 1: 0.25 x 1 = 0.25; replicate 2: 0.
        var w = sink.Weights("a");
        Assert.Equal(0.5, w[0], 12);
        Assert.Equal(0.5, w[1], 12);
        Assert.Equal(0, w[2], 12);
        Assert.Equal(2, sink.EffectiveSampleSize("a"), 12);
        Assert.Equal(1, sink.ConditionedInspections("a")); // the record's judgements of a up to 2015-12: 2014-05

        // The forecast of a's free inspection in 2016-06 weighs each replicate's grade.
        sink.Write(Result("2016-06", Rec(0, "a", "2016-06", Grade.Good, null), Rec(1, "a", "2016-06", Grade.Inadequate, null), Rec(2, "a", "2016-06", Grade.Outstanding, null)));
        var f = sink.Forecast("a", Month.Parse("2016-06"))!;
        Assert.Equal([0.5, 0, 0.5, 0], f);

        // No replicate consistent with b's record: equal weights, and an effective sample size of 0.
        sink.Write(Result("2015-01", Rec(0, "b", "2015-01", Grade.Good, 0), Rec(1, "b", "2015-01", Grade.Good, 0), Rec(2, "b", "2015-01", Grade.Good, 0)));
        Assert.Equal([1 / 3.0, 1 / 3.0, 1 / 3.0], sink.Weights("b"));
        Assert.Equal(0, sink.EffectiveSampleSize("b"));
        Assert.Equal(1, sink.Summary().Degenerate);
    }

    private static MonthResult Result(string month, params InspectionRecord[] inspections) =>
        new(Month.Parse(month), new MetricCollection(Month.Parse(month), ["a", "b", "c"], []), [.. inspections], [], []);

    [Fact]
    public async Task Backtest_writes_its_tables_and_scores_every_forecaster()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("bt");
        var exit = await RunCommand.RunAsync(Fixture("conditioned.yaml"), folder, 10, null, false, false, CancellationToken.None,
            backtestCutoff: Month.Parse("2015-12"));
        Assert.Equal(ExitCodes.Success, exit);
        foreach (var f in (string[])["backtest.csv", "backtest-summary.csv", "reliability.csv", "weights.csv", "plots/backtest.png", "plots/backtest.svg"])
            Assert.True(File.Exists(Path.Combine(folder, f)), f);
        var summary = File.ReadAllLines(Path.Combine(folder, "backtest-summary.csv"));
        Assert.Equal(["model", "persistence", "climatology", "markov"], summary.Skip(1).Select(l => l.Split(',')[0]));
        // Three graded inspections after 2015-12: a in 2016-06 and 2018-03, b in 2017-09.
        Assert.All(summary.Skip(1), l => Assert.Equal("3", l.Split(',')[2]));
        var rows = File.ReadAllLines(Path.Combine(folder, "backtest.csv"));
        Assert.Equal(1 + 3 * 4, rows.Length);
        // Persistence of a: inadequate at the cutoff.
        Assert.Contains("a,2016-06,requires_improvement,persistence,1,0,0,0,inadequate,0.333333,5.991465", rows);
        Assert.Contains("Forecast skill (backtest)", File.ReadAllText(Path.Combine(folder, "report.html")));
        Assert.Contains("\"effective_sample_size\"", File.ReadAllText(Path.Combine(folder, "manifest.json")));
    }

    [Fact]
    public async Task Backtest_refuses_a_scenario_without_a_record_and_a_cutoff_outside_the_run()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("bt");
        Assert.Equal(ExitCodes.BadInput, await RunCommand.RunAsync(Repository.Scenario("doncaster.yaml"), folder, 2, null, false, false, CancellationToken.None,
            backtestCutoff: Month.Parse("2015-12")));
        Assert.Equal(ExitCodes.BadInput, await RunCommand.RunAsync(Fixture("conditioned.yaml"), folder, 2, null, false, false, CancellationToken.None,
            backtestCutoff: Month.Parse("2030-01")));
        Assert.Equal(ExitCodes.BadInput, await RunCommand.RunAsync(Fixture("conditioned.yaml"), folder, 2, null, false, false, CancellationToken.None,
            backtestCutoff: Month.Parse("2019-06")));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("1,zz,SIF,2014-05-01,2014-05-20,,good,good,good,good,,", 3, 3, "council_id", "'zz' is not a council of the scenario")]
    [InlineData("1,a,SIF,2004-05-01,2004-05-20,,good,good,good,good,,", 3, 20, "inspection_end", "outside the run")]
    [InlineData("1,a,SIF,2014-05-01,2014-05-20,,adequate,good,good,good,,", 3, 32, "overall", "'adequate' is not a grade")]
    [InlineData("1,a,SIF,2014-05-01,2014-05-20,,good,good,goood,good,,", 3, 42, "children_in_care", "'goood' is not a grade")]
    [InlineData("1,a,SIF,2014-05-02,2014-05-28,,good,good,good,good,,", 3, 20, "inspection_end", "a is already inspected in 2014-05 (line 2)")]
    [InlineData("1,a,XYZ,2014-05-02,2014-05-28,,good,good,good,good,,", 3, 5, "framework", "'XYZ' is not a framework")]
    [InlineData("1,b,SIF,2014-05-02,2014-05-28,,,good,good,good,,", 3, 32, "overall", "is empty, but sub-judgements are given")]
    public void Bad_judgement_data_gets_a_located_error(string row, int line, int column, string key, string message)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("j.csv"), string.Join("\n",
            "la_code,council_id,framework,inspection_start,inspection_end,published,overall,help_and_protection,children_in_care,leadership,care_leavers,reinspection",
            "1,a,SIF,2014-05-01,2014-05-20,,inadequate,inadequate,requires_improvement,inadequate,,",
            row) + "\n");
        File.WriteAllText(temp.Combine("s.yaml"), File.ReadAllText(Fixture("conditioned.yaml")).Replace("judgements.csv", "j.csv", StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(temp.Combine("s.yaml")));
        var error = Assert.Single(e.Errors);
        Assert.EndsWith("j.csv", error.File);
        Assert.Equal((line, column, key), (error.Line, error.Column, error.Key));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_run_or_backtest_with_bad_judgement_data_exits_2_and_writes_nothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("j.csv"), string.Join("\n",
            "la_code,council_id,framework,inspection_start,inspection_end,published,overall,help_and_protection,children_in_care,leadership,care_leavers,reinspection",
            "1,zz,SIF,2014-05-01,2014-05-20,,good,good,good,good,,") + "\n");
        File.WriteAllText(temp.Combine("s.yaml"), File.ReadAllText(Fixture("conditioned.yaml")).Replace("judgements.csv", "j.csv", StringComparison.Ordinal));
        var folder = temp.Combine("out");
        Assert.Equal(ExitCodes.BadInput, await RunCommand.RunAsync(temp.Combine("s.yaml"), folder, 2, null, false, false, CancellationToken.None));
        Assert.Equal(ExitCodes.BadInput, await RunCommand.RunAsync(temp.Combine("s.yaml"), folder, 2, null, false, false, CancellationToken.None,
            backtestCutoff: Month.Parse("2015-12")));
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.EnumerateDirectories(temp.Path, ".out*"));
    }

    [Fact]
    public void An_ungraded_inspection_outside_the_run_is_ignored_and_a_missing_column_is_named()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("j.csv"), string.Join("\n",
            "la_code,council_id,framework,inspection_start,inspection_end,published,overall,help_and_protection,children_in_care,leadership,care_leavers,reinspection",
            "1,a,ILACS,2024-05-01,2024-05-20,,,,,,,") + "\n");
        File.WriteAllText(temp.Combine("s.yaml"), File.ReadAllText(Fixture("conditioned.yaml")).Replace("judgements.csv", "j.csv", StringComparison.Ordinal));
        var s = ScenarioLoader.Load(temp.Combine("s.yaml"));
        Assert.Single(s.Observed!.Inspections);
        Assert.Empty(s.Observed.Graded);

        File.WriteAllText(temp.Combine("j.csv"), "council_id,framework,inspection_end,overall\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(temp.Combine("s.yaml")));
        Assert.Contains("lacks help_and_protection, children_in_care, leadership", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void A_cutoff_after_the_run_is_refused_and_a_council_left_to_the_cadence_keeps_it_until_its_record()
    {
        using var temp = new TempFolder();
        File.Copy(Fixture("judgements.csv"), temp.Combine("judgements.csv"));
        var text = File.ReadAllText(Fixture("conditioned.yaml"));
        File.WriteAllText(temp.Combine("late.yaml"), text.Replace("until: 2015-12", "until: 2020-01", StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(temp.Combine("late.yaml")));
        Assert.Equal("observed.until", Assert.Single(e.Errors).Key);

        // b left to the cadence rules: its recorded months become fixed, and the cadence still
        // inspects before the first of them.
        File.WriteAllText(temp.Combine("cadence.yaml"), text.Replace(
            "    inspections: {cadence_before: 2013-11, months: [2015-01, 2017-09], then: cadence}\n", "", StringComparison.Ordinal));
        var b = ScenarioLoader.Load(temp.Combine("cadence.yaml")).Setup.Councils.Single(c => c.Id == "b").Inspections;
        Assert.Equal(["2015-01", "2017-09"], b.Fixed.Select(f => f.Month.ToString()));
        Assert.Equal(Month.Parse("2015-01"), b.CadenceBefore);
        Assert.All(b.Fixed, f => Assert.Equal(Framework.SingleInspection, f.Framework));
    }

    [Fact]
    public void A_forecast_from_a_cutoff_leaves_out_the_dated_council_events_after_it()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("england.yaml"));
        var f = s.ForecastFrom(Month.Parse("2016-12"));
        Assert.Contains(s.Events, e => e.Council == "sunderland" && e.Month == Month.Parse("2017-04"));
        Assert.DoesNotContain(f.Events, e => e.Council is not null && e.Month > Month.Parse("2016-12"));
        Assert.Contains(f.Events, e => e.Council == "doncaster" && e.Month == Month.Parse("2014-10"));
        Assert.Contains(f.Events, e => e.Council is null && e.Month == Month.Parse("2020-03")); // national: the pause stays
        var kept = f.Events.Select(e => e.Id).ToHashSet();
        Assert.All(f.Setup.Inputs, i => Assert.Contains(i.EventId, kept));
        Assert.Equal(Month.Parse("2016-12"), f.Setup.ObservedUntil);
    }

    [Fact]
    public void Without_a_spread_the_starting_state_is_the_scenarios_and_with_one_it_varies_by_replicate()
    {
        var council = new CouncilSetup { Id = "x" };
        var exact = Simulation.Model.Service.ServiceFactory.Initial(council, Month.Parse("2008-01"));
        Assert.Equal(council.PracticeQuality, exact.Practice.Quality);
        var world = new WorldSetup
        {
            Scenario = "t", Seed = 1, Replicates = 2, Start = Month.Parse("2008-01"), End = Month.Parse("2008-02"),
            Councils = [council], Parameters = ModelParameters.Default with { Practice = ModelParameters.Default.Practice with { InitialSpread = 0.09 } },
        };
        var q = Enumerable.Range(0, 2).Select(r => new Simulation.Model.World.Actors.CouncilActor(council, world, r).Save()).Cast<CouncilState>()
            .Select(st => st.Provider.Service!.Value.Practice.Quality).ToArray();
        Assert.NotEqual(q[0], q[1]);
        Assert.All(q, x => Assert.InRange(x, 0.02, 0.98));
    }
}
