using System.Diagnostics;
using System.Text.RegularExpressions;
using SkiaSharp;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary>
/// report.html opened in headless Chromium (Debian's package; scripts/install-chromium.sh installs it
/// when missing): every image decodes, the page logs nothing to the console, and a screenshot is
/// saved beside the test binaries (screenshots/).
/// </summary>
public partial class ReportTests
{
    [GeneratedRegex("<body[^>]*data-images=\"(\\d+)/(\\d+)\"")]
    private static partial Regex ImagesLoaded();

    private static readonly string[] Flags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"];

    private static string Chromium()
    {
        if (!File.Exists("/usr/bin/chromium"))
        {
            var install = Process.Start(new ProcessStartInfo("bash", Repository.File("scripts", "install-chromium.sh")) { UseShellExecute = false })!;
            install.WaitForExit(TimeSpan.FromMinutes(10));
        }
        Assert.True(File.Exists("/usr/bin/chromium"), "the report tests need Chromium: run scripts/install-chromium.sh");
        return "/usr/bin/chromium";
    }

    private static (string Out, string Err) Browse(params string[] args)
    {
        var info = new ProcessStartInfo(Chromium()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in Flags.Concat(args))
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium did not finish");
        return (stdout.Result, stderr.Result);
    }

    private static void Check(string report, string screenshotName)
    {
        var url = new Uri(report).AbsoluteUri;
        var (dom, log) = Browse("--dump-dom", url);
        var loaded = ImagesLoaded().Match(dom);
        Assert.True(loaded.Success, "the page did not run its image check");
        Assert.True(int.Parse(loaded.Groups[2].Value) > 0, "the report has no images");
        Assert.True(loaded.Groups[1].Value == loaded.Groups[2].Value, $"only {loaded.Groups[1].Value} of {loaded.Groups[2].Value} images loaded");
        var console = log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.True(console.Count == 0, "console messages: " + string.Join("\n", console));
        Assert.DoesNotContain("http://", dom.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var shot = Path.Combine(folder, screenshotName);
        File.Delete(shot);
        Browse("--window-size=1280,2400", $"--screenshot={shot}", url);
        using var image = SKBitmap.Decode(shot);
        Assert.True(image is not null && image.Width == 1280, $"no screenshot at {shot}");
    }

    [Fact]
    public void A_run_report_loads_every_image_without_console_errors()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("doncaster");
        var (exit, _, err) = Run("run", Repository.Scenario("doncaster.yaml"), "--out", output, "--replicates", "10");
        Assert.True(exit == 0, err);
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("Doncaster", html, StringComparison.Ordinal);
        Assert.Contains("trust-go-live", html, StringComparison.Ordinal);
        Assert.Contains("&quot;seed&quot;", html, StringComparison.Ordinal);
        // An executive summary first, generated from the run; display names, never code names.
        Assert.Contains("<section class=\"summary\"", html, StringComparison.Ordinal);
        Assert.Contains("These results summarise 10 simulated histories", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("class=\"summary\"", StringComparison.Ordinal) < html.IndexOf("<figure", StringComparison.Ordinal), "the summary comes before the figures");
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<code>[^<]*</code>|<pre>[\\s\\S]*?</pre>|<[^>]+>", " ");
        foreach (var code in new[] { "RequiresImprovement", "IndependentTrust", "independent_trust", "requires_improvement", "trust_go_live", "demand_shock" })
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.Contains("<td>requires improvement</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>adequate</td>", html, StringComparison.Ordinal);
        Check(Path.Combine(output, "report.html"), "run-report.png");
    }

    [Fact]
    public void A_comparison_writes_figures_differences_and_a_report_that_loads()
    {
        using var temp = new TempFolder();
        foreach (var s in new[] { "failing-council", "failing-council-trust" })
        {
            var (e, _, err) = Run("run", Repository.Scenario($"{s}.yaml"), "--out", temp.Combine(s), "--replicates", "20");
            Assert.True(e == 0, err);
        }
        var output = temp.Combine("compare");
        var (exit, stdout, stderr) = Run("compare", temp.Combine("failing-council"), temp.Combine("failing-council-trust"), "--out", output);
        Assert.True(exit == 0, stderr);
        Assert.Contains("compared 2 runs", stdout, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(output, "differences.csv"));
        Assert.StartsWith("month,run,entity,replicates,share_good_or_better,low_95,high_95", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(1), r => Assert.Equal("council", r.Split(',')[2]));
        // 2014-2023: ten Decembers, two runs each.
        Assert.Equal(1 + 10 * 2, rows.Length);
        foreach (var name in new[] { "good", "inadequate", "time-to-good", "trusts", "caseload-per-worker", "agency-share", "vacancy-rate", "practice-quality", "leadership-quality", "spend" })
        {
            Assert.True(FigureTests.PixelSpread(Path.Combine(output, "plots", $"{name}.png")) > 20, $"{name}.png looks blank");
            Assert.True(File.Exists(Path.Combine(output, "plots", $"{name}.svg")), name);
        }
        var html = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("This compares 2 runs (failing-council, failing-council-trust) of 20 replicates each", html, StringComparison.Ordinal);
        Assert.Contains("percentage points", html, StringComparison.Ordinal);
        Check(Path.Combine(output, "report.html"), "compare-report.png");
    }

    [Fact]
    public void Compare_refuses_a_folder_that_is_not_a_run()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("empty"));
        var (exit, _, err) = Run("compare", temp.Combine("empty"), temp.Combine("empty"), "--out", temp.Combine("out"));
        Assert.Equal(2, exit);
        Assert.Contains("no manifest.json", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
        AssertNoStackTrace(err);
    }
}
