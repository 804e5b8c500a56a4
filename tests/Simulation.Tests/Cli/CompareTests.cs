using System.Globalization;
using Simulation.Silo.Plots;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary>
/// England under two national policies, two replicates each, run once for the compare tests:
/// england.yaml at both detail levels (same seed, so the same histories) and england-trusts.yaml
/// with <c>--detail summary</c>, as national runs of many replicates are written.
/// </summary>
public sealed class NationalRunsFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public NationalRunsFixture()
    {
        Summary = Run("england.yaml", "summary");
        Trusts = Run("england-trusts.yaml", "summary");
        Full = Run("england.yaml", "full");
    }

    public string Summary { get; }
    public string Trusts { get; }
    public string Full { get; }

    public string Combine(string name) => _temp.Combine(name);

    private string Run(string scenario, string detail)
    {
        var output = _temp.Combine($"{Path.GetFileNameWithoutExtension(scenario)}-{detail}");
        var (exit, _, err) = CommandLineTests.Run("run", Repository.Scenario(scenario), "--out", output, "--replicates", "2", "--detail", detail);
        Assert.True(exit == 0, err);
        return output;
    }

    public void Dispose() => _temp.Dispose();
}

/// <summary>compare on national runs: England as a whole, one council with --council, and the same figures at either detail level.</summary>
public class CompareTests(NationalRunsFixture runs) : IClassFixture<NationalRunsFixture>
{
    private const string Header = "month,run,entity,replicates,share_good_or_better,low_95,high_95,difference_from_first,difference_low_95,difference_high_95";

    private static string[][] Rows(string csv) => [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))];

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Two_summary_detail_national_runs_are_compared_as_england()
    {
        var output = runs.Combine("national");
        var (exit, stdout, err) = Run("compare", runs.Summary, runs.Trusts, "--out", output);
        Assert.True(exit == 0, err);
        Assert.Contains("for England (153 councils)", stdout, StringComparison.Ordinal);

        Assert.Equal(Header, File.ReadLines(Path.Combine(output, "differences.csv")).First());
        var rows = Rows(Path.Combine(output, "differences.csv"));
        Assert.Equal(18 * 2, rows.Length); // Decembers 2008-2025, two runs
        Assert.All(rows, r => Assert.Equal("england", r[2]));
        Assert.All(rows, r => Assert.InRange(D(r[4]), D(r[5]), D(r[6])));

        // The share is the mean over replicates of the share of judged councils good or better in
        // force, recomputed here from inspections.csv: each council's latest judgement by December 2009.
        var latest = new Dictionary<(string Replicate, string Council), string>();
        foreach (var f in Rows(Path.Combine(runs.Summary, "inspections.csv")).Where(f => string.CompareOrdinal(f[1], "2009-12") <= 0))
            latest[(f[0], f[2])] = f[4];
        var expected = latest.GroupBy(p => p.Key.Replicate)
            .Average(g => g.Count(p => p.Value is "good" or "outstanding") / (double)g.Count());
        var row = rows.Single(r => r[0] == "2009-12" && r[1] == "england");
        Assert.Equal(expected, D(row[4]), 4);

        Assert.Equal(Header.Replace("share_good_or_better", "share_moved_to_trust", StringComparison.Ordinal), File.ReadLines(Path.Combine(output, "trusts.csv")).First());
        var trusts = Rows(Path.Combine(output, "trusts.csv"));
        Assert.Equal(18 * 2, trusts.Length);
        // A trust after two inadequate judgements instead of three: more councils moved by 2025.
        Assert.True(D(trusts.Single(r => r[0] == "2025-12" && r[1] == "england-trusts")[4]) > D(trusts.Single(r => r[0] == "2025-12" && r[1] == "england")[4]));

        foreach (var name in new[] { "good", "inadequate", "time-to-good", "trusts", "caseload-per-worker", "agency-share", "vacancy-rate", "practice-quality", "leadership-quality", "spend" })
        {
            Assert.True(FigureTests.PixelSpread(Path.Combine(output, "plots", $"{name}.png")) > 20, $"{name}.png looks blank");
        }
        Assert.Contains("published: good or outstanding (NATIONAL.md)", File.ReadAllText(Path.Combine(output, "plots", "good.svg")), StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("England: 153 councils", html, StringComparison.Ordinal);
        Assert.Contains("Welch", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wilson", html, StringComparison.Ordinal);

        // Time to good as survival analysis: the curves, and the difference in restricted mean time to
        // good paired by replicate (the runs share their seed and replicates).
        Assert.Equal("run,council,months,at_risk,reached_good,censored,share_good,share_good_low_95,share_good_high_95",
            File.ReadLines(Path.Combine(output, "time-to-good.csv")).First());
        var times = Rows(Path.Combine(output, "time-to-good-differences.csv"));
        Assert.Equal(2, times.Length);
        Assert.Equal("baseline", times[0][^1]);
        Assert.StartsWith("paired bootstrap over replicates", times[1][^1], StringComparison.Ordinal);
        Assert.InRange(D(times[1][8]), D(times[1][9]), D(times[1][10]));
        Assert.Contains("<h2>Time to good</h2>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Council_picks_the_council_compared_and_a_missing_one_is_refused()
    {
        var output = runs.Combine("doncaster");
        var (exit, stdout, err) = Run("compare", runs.Summary, runs.Trusts, "--out", output, "--council", "doncaster");
        Assert.True(exit == 0, err);
        Assert.Contains("for doncaster", stdout, StringComparison.Ordinal);
        var rows = Rows(Path.Combine(output, "differences.csv"));
        Assert.All(rows, r => Assert.Equal("doncaster", r[2]));
        // Two replicates: the share of replicates is 0, 0.5 or 1.
        Assert.All(rows, r => Assert.Contains(D(r[4]), new[] { 0, 0.5, 1 }));
        Assert.True(FigureTests.PixelSpread(Path.Combine(output, "plots", "caseload-per-worker.png")) > 20);

        var missing = runs.Combine("missing");
        (exit, _, err) = Run("compare", runs.Summary, runs.Trusts, "--out", missing, "--council", "nowhere");
        Assert.Equal(2, exit);
        Assert.Contains($"{runs.Summary}: no council 'nowhere'", err, StringComparison.Ordinal);
        Assert.Contains("barking-and-dagenham", err, StringComparison.Ordinal);
        AssertNoStackTrace(err);
        Assert.False(Directory.Exists(missing));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(missing)!, ".missing*"));
    }

    [Fact]
    public void A_national_run_and_a_single_council_run_need_council()
    {
        var single = runs.Combine("failing");
        var (exit, _, err) = Run("run", Repository.Scenario("failing-council.yaml"), "--out", single, "--replicates", "2");
        Assert.True(exit == 0, err);
        var output = runs.Combine("mixed");
        (exit, _, err) = Run("compare", runs.Summary, single, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("--council", err, StringComparison.Ordinal);
        Assert.Contains("153 councils", err, StringComparison.Ordinal);
        AssertNoStackTrace(err);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Full_and_summary_detail_give_the_same_national_figures()
    {
        var full = ResultFolder.Read(Assert.Single(ResultFolder.Find(runs.Full)), ComparisonScope.National);
        var summary = ResultFolder.Read(Assert.Single(ResultFolder.Find(runs.Summary)), ComparisonScope.National);
        Assert.Equal(Simulation.Silo.Output.Detail.Full, full.Source.Detail);
        Assert.Equal(Simulation.Silo.Output.Detail.Summary, summary.Source.Detail);
        Assert.Equal(153, full.Summary.Councils.Count);
        Assert.Equal(summary.Source.Councils.Order(StringComparer.Ordinal), full.Source.Councils.Order(StringComparer.Ordinal));
        Assert.Equal(summary.Summary.Months, full.Summary.Months);
        foreach (var metric in RunSummary.Plotted)
        {
            var f = full.Bands[metric];
            var s = summary.Bands[metric];
            Assert.Equal(s.Count, f.Count);
            for (var i = 0; i < s.Count; i++)
            {
                // timeseries.csv holds values to six decimals; the quantile writer summed the exact ones.
                foreach (var (a, b) in new[] { (f[i].P05, s[i].P05), (f[i].P50, s[i].P50), (f[i].P95, s[i].P95) })
                    Assert.True(Math.Abs(a - b) <= 1e-4 * Math.Max(1, Math.Abs(b)), $"{metric} in {summary.Summary.Months[i]}: {a} from timeseries.csv, {b} from the quantiles");
            }
        }
        Assert.Equal(summary.Summary.National, full.Summary.National);
        var rows = Comparison.Differences([full, summary], ComparisonScope.National);
        Assert.All(rows.Where(r => r.Difference is not null), r => Assert.Equal(0, r.Difference));
    }
}
