using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary><c>parameters --scenario</c>: the values a scenario really runs with, not the code defaults.</summary>
public sealed class ParametersScenarioTests
{
    private static Dictionary<string, string[]> Table(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);

    [Fact]
    public void A_calibrated_scenario_shows_its_calibrated_values_beside_the_defaults()
    {
        var (exit, stdout, err) = Run("parameters", "--scenario", Repository.Scenario("doncaster.yaml"), "--format", "csv");
        Assert.True(exit == 0, err);
        Assert.StartsWith("key,unit,value,from,posterior_median,posterior_p05,posterior_p95,default,min,max,calibrated,source\n", stdout, StringComparison.Ordinal);
        var rows = Table(stdout);
        var months = rows["practice.improvement_months"];
        Assert.Equal("scenario", months[3]);
        Assert.Equal("14", months[7]);
        Assert.NotEqual("14", months[2]);
        var calibration = File.ReadAllText(Repository.File("scenarios", "calibration", "doncaster-parameters.yaml"));
        Assert.Contains($"improvement_months: {months[2]}", calibration, StringComparison.Ordinal);
        Assert.Equal("default", rows["workforce.caseload_norm"][3]);
    }

    [Fact]
    public void A_scenario_with_a_posterior_shows_the_median_and_interval_its_replicates_draw_from()
    {
        var (exit, stdout, err) = Run("parameters", "--scenario", Repository.Scenario("england.yaml"));
        Assert.True(exit == 0, err);
        Assert.Contains("come from the posterior", stdout, StringComparison.Ordinal);
        var line = stdout.Split('\n').Single(l => l.StartsWith("| `practice.improvement_months`", StringComparison.Ordinal));
        Assert.Contains("| posterior |", line, StringComparison.Ordinal);
        Assert.Matches(@"\| [0-9.]+ to [0-9.]+ \|", line);
    }

    [Fact]
    public void A_bad_scenario_or_format_exits_2()
    {
        var (exit, _, err) = Run("parameters", "--scenario", "no-such.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("no-such.yaml", err, StringComparison.Ordinal);
        (exit, _, err) = Run("parameters", "--scenario", Repository.Scenario("doncaster.yaml"), "--format", "events-markdown");
        Assert.Equal(2, exit);
        Assert.Contains("--format: events-markdown does not apply with --scenario", err, StringComparison.Ordinal);
        AssertNoStackTrace(err);
    }
}
