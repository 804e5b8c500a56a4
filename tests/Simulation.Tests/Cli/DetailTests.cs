using System.Globalization;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary>--detail: large runs write quantiles across replicates instead of every series.</summary>
public class DetailTests
{
    [Fact]
    public void Summary_detail_writes_ordered_quantiles_per_council_and_nationally()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("two");
        var (exit, stdout, err) = Run("run", Repository.Scenario("two-councils.yaml"), "--out", output, "--replicates", "1001");
        Assert.True(exit == 0, err);
        // 2 councils x 1001 replicates is above the automatic threshold of 2,000.
        Assert.Contains("timeseries-quantiles.csv", stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "timeseries.csv")));
        var rows = File.ReadAllLines(Path.Combine(output, "timeseries-quantiles.csv"));
        Assert.Equal("month,entity,metric,p05,p25,p50,p75,p95", rows[0]);
        // Every metric but net_transfers and net_agency_transfers (the two councils share no regional market).
        var metrics = Enum.GetValues<Simulation.Model.World.Metric>().Length - 2;
        Assert.Equal(metrics, rows.Skip(1).Select(r => r.Split(',')[2]).Distinct().Count());
        Assert.Equal(1 + 96 * 3 * metrics, rows.Length); // 2014-01..2021-12, north, south and all
        foreach (var row in rows.Skip(1))
        {
            var q = row.Split(',')[3..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            for (var k = 1; k < q.Length; k++) Assert.True(q[k - 1] <= q[k], row);
        }
        double Median(string entity, string metric) => double.Parse(
            rows.Single(r => r.StartsWith($"2016-06,{entity},{metric},", StringComparison.Ordinal)).Split(',')[5], CultureInfo.InvariantCulture);
        // Staff add up nationally; rates average.
        Assert.InRange(Median("all", "social_workers"), 0.9 * (Median("north", "social_workers") + Median("south", "social_workers")),
            1.1 * (Median("north", "social_workers") + Median("south", "social_workers")));
        Assert.InRange(Median("all", "vacancy_rate"), 0, 1);

        // compare reads the quantiles: two councils are compared on the first, 'north'.
        var (c, cOut, cErr) = Run("compare", output, output, "--out", temp.Combine("cmp"));
        Assert.True(c == 0, cErr);
        Assert.Contains("for north", cOut, StringComparison.Ordinal);
        Assert.All(File.ReadAllLines(temp.Combine("cmp", "differences.csv")).Skip(1), r => Assert.Equal("north", r.Split(',')[2]));
        Assert.True(FigureTests.PixelSpread(temp.Combine("cmp", "plots", "caseload-per-worker.png")) > 20);
    }

    [Fact]
    public void Full_detail_can_be_asked_for_and_is_the_default_for_small_runs()
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Run("run", Repository.Scenario("two-councils.yaml"), "--out", temp.Combine("a"), "--replicates", "3");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(temp.Combine("a", "timeseries.csv")));
        (exit, _, err) = Run("run", Repository.Scenario("two-councils.yaml"), "--out", temp.Combine("b"), "--replicates", "3", "--detail", "summary");
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(temp.Combine("b", "timeseries-quantiles.csv")));
        (exit, _, err) = Run("run", Repository.Scenario("two-councils.yaml"), "--out", temp.Combine("c"), "--detail", "some");
        Assert.Equal(2, exit);
    }
}
