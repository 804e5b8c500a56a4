using System.Globalization;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary>
/// <c>sensitivity</c> on small designs (a few points, two replicates): what it writes, that it says
/// the cost first, that it is deterministic, that a parameter the outcome cannot depend on gets no
/// effect, and that bad options are refused without writing anything. The estimators themselves are
/// checked against known indices in Statistics/MorrisTests and SobolTests.
/// </summary>
public sealed class SensitivityTests
{
    private static string[][] Rows(string csv) => [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Morris_writes_one_table_one_figure_per_outcome_and_the_points_deterministically()
    {
        using var temp = new TempFolder();
        // two-councils runs Doncaster's calibration, where local demand surges are off (surge_rate 0):
        // their size cannot change any outcome, so its elementary effects are all exactly zero.
        string[] args = ["sensitivity", Repository.Scenario("two-councils.yaml"), "-p", "practice.bias,practice.improvement_months,demand.surge_size",
            "-r", "3", "-n", "2", "--outcome", "good_at:2019-12", "--outcome", "time_to_good", "--bootstrap", "100"];
        var (exit, stdout, err) = Run([.. args, "--out", temp.Combine("a")]);
        Assert.True(exit == 0, err);
        Assert.Contains("3 parameters, 3 trajectories x (3 + 1) = 12 points x 2 replicates = 24 simulated histories", stdout, StringComparison.Ordinal);
        var a = temp.Combine("a");
        Assert.Equal(["manifest.json", "outcomes-summary.csv", "outcomes.csv", "sensitivity-points.csv", "sensitivity.csv"],
            Directory.EnumerateFiles(a).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["sensitivity-good-at-2019-12.png", "sensitivity-good-at-2019-12.svg", "sensitivity-time-to-good.png", "sensitivity-time-to-good.svg"],
            Directory.EnumerateFiles(Path.Combine(a, "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["plots"], Directory.EnumerateDirectories(a).Select(Path.GetFileName));

        var table = File.ReadAllLines(Path.Combine(a, "sensitivity.csv"));
        Assert.Equal("method,outcome,parameter,centre,low,high,statistic,estimate,low_95,high_95", table[0]);
        Assert.Equal(2 * (3 * 3 + 3), table.Length - 1); // outcomes x (parameters x (mu*, mu, sigma) + three rows on chance)
        var rows = Rows(Path.Combine(a, "sensitivity.csv"));
        // Chance, from the two halves of the replicates: a standard error, its share of the variance and the mu* it alone gives.
        Assert.Equal(["chance_share_of_variance", "mu_star_chance_floor", "point_standard_error"],
            rows.Where(r => r[1] == "time_to_good" && r[2] == "(chance)").Select(r => r[6]).Order(StringComparer.Ordinal));
        Assert.All(rows.Where(r => r[2] == "(chance)" && r[7].Length > 0), r => Assert.True(D(r[7]) >= 0));
        foreach (var outcome in new[] { "good_at:2019-12", "time_to_good" })
        {
            Assert.Equal(0, D(rows.Single(r => r[1] == outcome && r[2] == "demand.surge_size" && r[6] == "mu_star")[7]));
        }
        // How long improvement takes moves the time to good.
        Assert.True(D(rows.Single(r => r[1] == "time_to_good" && r[2] == "practice.improvement_months" && r[6] == "mu_star")[7]) > 0);

        var points = File.ReadAllLines(Path.Combine(a, "sensitivity-points.csv"));
        Assert.Equal("point,practice.bias,practice.improvement_months,demand.surge_size,good_at:2019-12,time_to_good", points[0]);
        Assert.Equal(13, points.Length);
        var outcomes = File.ReadAllLines(Path.Combine(a, "outcomes.csv"));
        Assert.Equal(1 + 12 * 2 * 2, outcomes.Length); // points x replicates x councils
        Assert.StartsWith("variant,replicate,council,practice.bias,practice.improvement_months,demand.surge_size,first_inadequate", outcomes[0], StringComparison.Ordinal);

        // It says how fast the points ran, and records it in the manifest.
        Assert.Matches(@"  12 evaluations in [0-9.]+ s: [0-9,]+ evaluations per hour, [0-9,]+ council-months per second \(direct \(no Orleans\), \d+ evaluations? at a time\)", stdout);
        using (var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(a, "manifest.json"))))
        {
            Assert.Equal(12, manifest.RootElement.GetProperty("sensitivity").GetProperty("evaluations").GetInt64());
            Assert.True(manifest.RootElement.GetProperty("sensitivity").GetProperty("evaluations_per_hour").GetDouble() > 0);
        }

        // The same command gives the same tables, however many points run at once.
        (exit, stdout, err) = Run([.. args, "--out", temp.Combine("b"), "--parallel", "1"]);
        Assert.True(exit == 0, err);
        Assert.Contains("(direct (no Orleans), 1 evaluation at a time)", stdout, StringComparison.Ordinal);
        foreach (var file in new[] { "sensitivity.csv", "sensitivity-points.csv", "outcomes.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(a, file)), File.ReadAllText(Path.Combine(temp.Combine("b"), file)));
    }

    [Fact]
    public void Sobol_of_a_difference_between_two_arrangements_runs_both_at_every_point()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("s");
        var (exit, stdout, err) = Run("sensitivity", Repository.Scenario("failing-council-trust.yaml"), "--versus", Repository.Scenario("failing-council.yaml"),
            "--method", "sobol", "--samples", "4", "-p", "practice.bias,governance.trust_transfer_disruption", "-n", "2", "--outcome", "good_within:60",
            "--bootstrap", "50", "--out", output);
        Assert.True(exit == 0, err);
        Assert.Contains("4 base samples x (2 + 2) = 16 points x 2 replicates x 2 scenarios = 64 simulated histories", stdout, StringComparison.Ordinal);
        var rows = Rows(Path.Combine(output, "sensitivity.csv"));
        Assert.Equal(2 * 2 + 2, rows.Length); // parameters x (first, total), and chance's standard error and share of the variance
        Assert.All(rows, r => Assert.Equal("sobol", r[0]));
        Assert.Equal(["first_order", "total_order"], rows.Where(r => r[2] != "(chance)").Select(r => r[6]).Distinct().Order(StringComparer.Ordinal));
        // Each point's outcome is the trust's share good within five years minus the in-house council's.
        var outcomes = File.ReadAllLines(Path.Combine(output, "outcomes.csv"));
        Assert.Equal(1 + 16 * 2 * 2, outcomes.Length);
        Assert.Contains(outcomes, l => l.StartsWith("p00016-versus,1,", StringComparison.Ordinal));
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal(16, manifest.RootElement.GetProperty("sensitivity").GetProperty("points").GetInt32());
    }

    [Theory]
    [InlineData("--outcome", "good_at:1999-01", "--outcome: 'good_at:1999-01': expected good_at:YYYY-MM with a month from 2014-01 to 2021-12")]
    [InlineData("--outcome", "happiness", "--outcome: 'happiness' is not an outcome")]
    [InlineData("-p", "practice.bias,practice.bais", "--parameters: 'practice.bais' is not a parameter; did you mean 'practice.bias'?")]
    [InlineData("-p", "practice.bias", "--parameters: name at least two parameters")]
    [InlineData("--ranges", "posterior", "--ranges posterior: ")]
    [InlineData("--levels", "3", "--levels: 3 is not an even number")]
    public void Bad_options_exit_2_with_one_line_and_write_nothing(string option, string value, string message)
    {
        using var temp = new TempFolder();
        var output = temp.Combine("x");
        var (exit, _, err) = Run("sensitivity", Repository.Scenario("two-councils.yaml"), option, value, "-r", "2", "-n", "1", "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
        AssertNoStackTrace(err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Dry_run_says_what_the_design_costs_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var (exit, stdout, err) = Run("sensitivity", Repository.Scenario("england.yaml"), "--method", "sobol", "--samples", "64", "--dry-run", "--out", temp.Combine("x"));
        Assert.True(exit == 0, err);
        // Every calibrated parameter by default; England's judgements emerge; the centre is the posterior's best particle.
        Assert.Contains("sensitivity (sobol) of england: 40 parameters, 64 base samples x (40 + 2) = 2,688 points", stdout, StringComparison.Ordinal);
        Assert.Contains("every judgement emerges", stdout, StringComparison.Ordinal);
        Assert.Contains("the best particle of", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
