using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Tests.Support;

namespace Simulation.Tests.Calibration;

/// <summary>The national record's patterns, counted by hand on small records and recomputed from the shipped record.</summary>
public sealed class NationalPatternsTests
{
    private static Graded G(string council, string month, Grade overall, Grade? help = null) => new(council, Month.Parse(month), overall, help);

    private static readonly Graded[] Record =
    [
        G("a", "2014-03", Grade.Inadequate, Grade.Inadequate),
        G("a", "2016-05", Grade.RequiresImprovement),
        G("a", "2019-02", Grade.Good),
        G("a", "2021-02", Grade.Inadequate), // after the window: no transition
        G("b", "2015-06", Grade.Good),
        G("b", "2013-01", Grade.Inadequate), // before the window
        G("c", "2017-09", Grade.RequiresImprovement, Grade.Inadequate),
        G("c", "2018-10", Grade.RequiresImprovement),
    ];

    [Fact]
    public void Transitions_count_consecutive_judgements_of_each_council_within_2013_11_to_2019_12()
    {
        var t = NationalPatterns.Transitions(Record);
        Assert.Equal(1, t[0, 1]); // a: inadequate -> requires improvement
        Assert.Equal(1, t[1, 2]); // a: requires improvement -> good
        Assert.Equal(1, t[1, 1]); // c: requires improvement -> requires improvement
        var total = 0;
        foreach (var x in t) total += x;
        Assert.Equal(3, total);
    }

    [Fact]
    public void Latest_shares_count_each_council_judged_so_far_once()
    {
        // December 2015: a inadequate (2014-03), b good (2015-06); c not yet judged.
        Assert.Equal([0.5, 0, 0.5, 0], NationalPatterns.LatestShares(Record, Month.Parse("2015-12"))!);
        // December 2018: a requires improvement, b good, c requires improvement.
        Assert.Equal([0, 2 / 3.0, 1 / 3.0, 0], NationalPatterns.LatestShares(Record, Month.Parse("2018-12"))!);
        Assert.Null(NationalPatterns.LatestShares(Record, Month.Parse("2013-12")));
    }

    [Fact]
    public void The_help_rule_is_the_share_of_inadequate_help_with_inadequate_overall()
    {
        // a 2014-03 (inadequate, inadequate) and c 2017-09 (requires improvement, inadequate): one of two.
        Assert.Equal(0.5, NationalPatterns.HelpRule(Record));
    }

    [Fact]
    public void A_run_identical_to_the_record_fits_every_pattern()
    {
        var rows = NationalPatterns.Compare(Record, [Record, Record]);
        Assert.All(rows, r => Assert.True(r.Within, $"{r.Pattern} {r.Key}"));
        Assert.Contains(rows, r => r.Pattern == "transition" && r.Key == "inadequate->requires_improvement" && r.Recorded == 1);
    }

    [Fact]
    public void The_shipped_record_gives_the_transition_counts_its_readme_states()
    {
        // scenarios/data/england/README.md: from inadequate 7, 19, 6 (inadequate, requires improvement,
        // good); from requires improvement 10, 17, 17, 1; from good 2, 5, 12, 10; from outstanding 2.
        var s = ScenarioLoader.Load(Repository.Scenario("england.yaml"));
        var t = NationalPatterns.Transitions(NationalPatterns.FromRecord(s.Observed!));
        Assert.Equal([7, 19, 6, 0], Enumerable.Range(0, 4).Select(i => t[0, i]));
        Assert.Equal([10, 17, 17, 1], Enumerable.Range(0, 4).Select(i => t[1, i]));
        Assert.Equal([2, 5, 12, 10], Enumerable.Range(0, 4).Select(i => t[2, i]));
        Assert.Equal([0, 0, 0, 2], Enumerable.Range(0, 4).Select(i => t[3, i]));
    }

    [Fact]
    public async Task An_unconditioned_run_lets_judgements_emerge_at_the_recorded_months()
    {
        var s = ScenarioLoader.Load(ConditioningTestsFixture()).With(null, 4);
        var free = s.Unconditioned();
        Assert.All(free.Setup.Councils.SelectMany(c => c.Inspections.Fixed), f => Assert.Null(f.Observed));
        Assert.Null(free.Setup.ObservedUntil);
        var runs = await Simulation.Silo.Cli.PatternsCommand.RunAsync(free, CancellationToken.None);
        Assert.Equal(4, runs.Count);
        // a is inspected at its recorded months in every replicate, and not always as recorded.
        Assert.All(runs, r => Assert.Contains(r, j => j.Council == "a" && j.Month == Month.Parse("2014-05")));
    }

    [Fact]
    public async Task A_run_stopped_at_the_patterns_window_gives_the_months_a_run_to_the_end_gives()
    {
        // Patterns (and so each calibrate-national evaluation) run only to NationalPatterns.To: the
        // model never looks ahead to the run's end, so the months up to then are those of the whole run.
        var setup = ScenarioLoader.Load(Repository.Scenario("two-councils.yaml")).With(null, 3).Setup;
        Assert.True(setup.End > NationalPatterns.To);
        using var temp = new TempFolder();
        Runs.Write((await Runs.DirectAsync(setup)).Where(m => m.Month <= NationalPatterns.To), temp.Combine("whole"));
        Runs.Write(await Runs.DirectAsync(setup with { End = NationalPatterns.To }), temp.Combine("window"));
        Runs.AssertSameTables(temp.Combine("whole"), temp.Combine("window"));
    }

    private static string ConditioningTestsFixture() => Backtest.ConditioningTests.Fixture("conditioned.yaml");
}

/// <summary>The national distance ABC-SMC uses.</summary>
public sealed class NationalDistanceTests
{
    [Fact]
    public void The_distance_averages_each_patterns_root_mean_square_gap_in_units_of_its_tolerance()
    {
        NationalPatternRow R(string pattern, double recorded, double simulated, double tolerance) => new(pattern, "k", recorded, simulated, 0, 0, tolerance);
        // Transitions (tolerance 0.1): gaps 3 and 4 units -> sqrt(12.5); shares (0.05): gap 2 units -> 2;
        // the help rule is not weighed.
        var d = Simulation.Silo.Cli.CalibrateNationalCommand.NationalDistance(
            [R("transition", 0.5, 0.2, 0.1), R("transition", 0.1, 0.5, 0.1), R("latest_share", 0.3, 0.2, 0.05), R("help_rule", 1, 0, 0.01)]);
        Assert.Equal((Math.Sqrt(12.5) + 2) / 2, d, 12);
        // Each pattern weighs the same however many values it has.
        var documented = Simulation.Silo.Cli.CalibrateNationalCommand.NationalDistance(
            [R("transition", 0.5, 0.5, 0.1), R("transition", 0.1, 0.1, 0.1), R("documented", 1, 0.25, 0.5)]);
        Assert.Equal((0 + 1.5) / 2, documented, 12);
        // A pattern the run could not give (no simulated value) counts as a gap of 1 on the share scale.
        Assert.Equal(10, Simulation.Silo.Cli.CalibrateNationalCommand.NationalDistance([R("transition", 0.5, double.NaN, 0.1)]), 12);
    }
}

/// <summary>The patterns beyond transitions and shares: workforce by grade, trusts' and partners' councils, the documented history.</summary>
public sealed class NationalContextPatternTests
{
    private static Graded G(string c, string m, Grade g, double agency = double.NaN) => new(c, Month.Parse(m), g, null, agency);

    [Fact]
    public void Agency_by_grade_is_the_mean_over_replicates_of_each_replicates_mean_at_that_grade()
    {
        Graded[] record = [G("a", "2014-03", Grade.Inadequate), G("b", "2015-03", Grade.Good)];
        Graded[] one = [G("a", "2014-03", Grade.Inadequate, 0.30), G("b", "2015-03", Grade.Inadequate, 0.20), G("c", "2015-04", Grade.Good, 0.1)];
        Graded[] two = [G("a", "2014-03", Grade.Inadequate, 0.26), G("b", "2015-03", Grade.Good, 0.2)];
        var rows = NationalPatterns.Compare(record, [one, two]);
        var inadequate = Assert.Single(rows, r => r.Pattern == "agency_by_grade" && r.Key == "inadequate");
        Assert.Equal(0.27, inadequate.Recorded, 12);
        Assert.Equal((0.25 + 0.26) / 2, inadequate.Simulated, 12);
        Assert.Equal((0.1 + 0.2) / 2, Assert.Single(rows, r => r.Pattern == "agency_by_grade" && r.Key == "good").Simulated, 12);
        // Without agency shares (the record alone) there is no such row.
        Assert.DoesNotContain(NationalPatterns.Compare(record, [record]), r => r.Pattern == "agency_by_grade");
    }

    [Fact]
    public void Councils_with_trusts_or_partners_are_compared_by_their_grades_and_the_documented_council_by_each_judgement()
    {
        Graded[] record = [G("t", "2014-03", Grade.Inadequate), G("t", "2016-03", Grade.Good), G("x", "2015-01", Grade.Good), G("d", "2017-11", Grade.Good)];
        Graded[] one = [G("t", "2014-03", Grade.Inadequate), G("t", "2016-03", Grade.Inadequate), G("d", "2017-11", Grade.Good)];
        Graded[] two = [G("t", "2014-03", Grade.RequiresImprovement), G("t", "2016-03", Grade.Good), G("d", "2017-11", Grade.Inadequate)];
        var context = new NationalContext(new HashSet<string>(["t"], StringComparer.Ordinal), "d");
        var rows = NationalPatterns.Compare(record, [one, two], context: context);
        var inadequate = Assert.Single(rows, r => r.Pattern == "arrangement_share" && r.Key == "inadequate");
        Assert.Equal(0.5, inadequate.Recorded, 12);
        Assert.Equal(0.5, inadequate.Simulated, 12);          // 2 of the 4 pooled judgements of t
        Assert.Equal(0.25, Assert.Single(rows, r => r.Pattern == "arrangement_share" && r.Key == "good").Simulated, 12);
        var documented = Assert.Single(rows, r => r.Pattern == "documented");
        Assert.Equal("d 2017-11 good", documented.Key);
        Assert.Equal(0.5, documented.Simulated, 12);
        Assert.True(documented.Within);                        // reached by at least half the replicates
    }
}

/// <summary>A calibration to be backtested sees the record up to its cutoff only.</summary>
public sealed class NationalPatternsCutoffTests
{
    [Fact]
    public void Compare_up_to_a_cutoff_ignores_later_judgements_and_dates()
    {
        Graded G(string c, string m, Grade g) => new(c, Month.Parse(m), g, null);
        Graded[] record = [G("a", "2014-03", Grade.Inadequate), G("a", "2016-05", Grade.Good), G("a", "2018-02", Grade.Inadequate)];
        var rows = NationalPatterns.Compare(record, [record], Month.Parse("2016-12"));
        Assert.DoesNotContain(rows, r => r.Key.StartsWith("2017", StringComparison.Ordinal) || r.Key.StartsWith("2018", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Key == "2016-12 good" && r.Recorded == 1);
        Assert.DoesNotContain(rows, r => r.Key.StartsWith("good->", StringComparison.Ordinal)); // the 2018 transition is after the cutoff
    }
}
