using System.Diagnostics;
using System.Text.Json;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cli;

/// <summary>The program as a user runs it: a separate process, its exit code and its output.</summary>
public class CommandLineTests
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "simulation.dll");

    internal static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Program);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["CI"] = "true";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the program did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    internal static void AssertNoStackTrace(string text) =>
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);

    [Fact]
    public void A_missing_scenario_file_exits_non_zero_naming_the_file_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("nowhere.yaml");
        var output = temp.Combine("out");
        var (exit, _, err) = Run("run", missing, "--out", output);
        Assert.Equal(2, exit);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("nowhere.yaml", line, StringComparison.Ordinal);
        Assert.Contains("no such file", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        AssertNoStackTrace(err);
    }

    [Fact]
    public void A_malformed_scenario_file_exits_non_zero_naming_file_and_line_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var bad = temp.Combine("bad.yaml");
        File.WriteAllText(bad, "name: bad\nstart: 2008-01\nend: [2009-01\nseed: 1\n");
        var output = temp.Combine("out");
        var (exit, _, err) = Run("run", bad, "--out", output);
        Assert.Equal(2, exit);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.Matches(@"bad\.yaml:\d+:\d+: ", line);
        Assert.Contains("YAML syntax", line, StringComparison.Ordinal);
        Assert.Equal([bad], Directory.EnumerateFileSystemEntries(temp.Path));
        AssertNoStackTrace(err);
    }

    [Fact]
    public void Impossible_values_are_reported_with_line_and_key()
    {
        using var temp = new TempFolder();
        var bad = temp.Combine("bad.yaml");
        var text = File.ReadAllText(Repository.Scenario("doncaster.yaml"));
        Assert.Contains("    social_workers: 100", text, StringComparison.Ordinal);
        File.WriteAllText(bad, text.Replace("    social_workers: 100", "    social_workers: -5", StringComparison.Ordinal));
        foreach (var folder in new[] { "calibration", "documented" })
        {
            Directory.CreateDirectory(temp.Combine(folder));
            foreach (var f in Directory.EnumerateFiles(Repository.File("scenarios", folder)))
                File.Copy(f, temp.Combine(folder, Path.GetFileName(f)));
        }
        var (exit, _, err) = Run("run", bad, "--out", temp.Combine("out"));
        Assert.Equal(2, exit);
        Assert.Matches(@"bad\.yaml:\d+:\d+: councils\[0\]\.social_workers: -5 is out of range", err);
        Assert.False(Directory.Exists(temp.Combine("out")));
        AssertNoStackTrace(err);
    }

    [Fact]
    public void An_existing_output_folder_is_kept_unless_forced()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");
        var (exit, _, err) = Run("run", Repository.Scenario("doncaster.yaml"), "--out", output, "-n", "1");
        Assert.Equal(2, exit);
        Assert.Contains("--force", err, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "keep.txt")));
    }

    [Theory]
    [InlineData("--replicates: 'abc' is not a whole number", "run", "x.yaml", "-n", "abc")]
    [InlineData("--spread: 'wide' is not a number", "sensitivity", "x.yaml", "--spread", "wide")]
    [InlineData("--detail: Argument 'bogus' not recognized. Must be one of: 'auto' 'full' 'summary'", "run", "x.yaml", "--detail", "bogus")]
    [InlineData("--replicates: 0 is out of range; expected 1 to 100000", "bench", "-n", "0")]
    [InlineData("--scaling: -2 is out of range; expected replicate counts from 1 to 100000", "bench", "--scaling", "3,-2")]
    [InlineData("Unrecognized command or argument 'nosuch'", "nosuch")]
    [InlineData("--particles: 0 is out of range; expected 2 to 100000", "calibrate-national", "--particles", "0")]
    [InlineData("--generations: -1 is out of range; expected 1 to 1000", "calibrate-national", "--generations", "-1")]
    public void A_bad_command_line_value_is_one_line_without_type_names_and_exit_2(string expected, params string[] args)
    {
        var (exit, _, err) = Run(args);
        Assert.Equal(2, exit);
        Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith(expected, err.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sensitivity")]
    public void An_empty_output_folder_is_a_usage_error_without_an_exception(string command)
    {
        string[] extra = command == "sensitivity" ? ["-p", "practice.bias,practice.improvement_months", "-r", "2"] : [];
        var (exit, _, err) = Run([command, Repository.Scenario("two-councils.yaml"), "-n", "1", .. extra, "--out", ""]);
        Assert.Equal(2, exit);
        Assert.Equal("--out: the folder is empty; expected a path such as out/NAME", err.Trim());
        AssertNoStackTrace(err);
        Assert.DoesNotContain("Exception", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_writes_its_tables_a_report_and_a_manifest_that_says_what_made_them()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("doncaster");
        var (exit, stdout, err) = Run("run", Repository.Scenario("doncaster.yaml"), "--out", output, "--replicates", "2", "--seed", "5");
        Assert.True(exit == 0, err);
        Assert.Equal(["arrangements.csv", "events.csv", "inspections.csv", "manifest.json", "outcomes-summary.csv", "outcomes.csv", "report.html", "time-to-good.csv", "timeseries.csv"],
            Directory.EnumerateFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("216 months x 2 replicates", stdout, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("doncaster", root.GetProperty("scenario").GetString());
        Assert.Equal(5, root.GetProperty("seed").GetInt64());
        Assert.Equal(2, root.GetProperty("replicates").GetInt32());
        Assert.Equal(64, root.GetProperty("scenario_sha256").GetString()!.Length);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("program_version").GetString()));
        // No staging folder is left beside the results.
        Assert.Equal([output], Directory.EnumerateDirectories(temp.Path));
        var header = File.ReadLines(Path.Combine(output, "timeseries.csv")).First();
        Assert.Equal("replicate,month,entity,metric,value", header);
        Assert.Equal("replicate,month,entity,framework,overall,help_and_protection,children_in_care,leadership",
            File.ReadLines(Path.Combine(output, "inspections.csv")).First());
        Assert.Equal("replicate,month,entity,event,council,data,detail", File.ReadLines(Path.Combine(output, "events.csv")).First());
        // Doncaster's documented arrangements, read from arrangements.csv alone.
        var arrangements = File.ReadLines(Path.Combine(output, "arrangements.csv")).ToList();
        Assert.Equal("replicate,month,entity,arrangement,provider,partner", arrangements[0]);
        var first = arrangements.Skip(1).Select(l => l.Split(',')).Where(f => f[0] == "0").ToList();
        Assert.Equal(["in_house", "trust_ordered", "independent_trust", "council_owned_trust", "returned_in_house"],
            first.Select(f => f[3]).Distinct());
        Assert.Equal(["2008-01", "2013-07", "2014-10"], first.Take(3).Select(f => f[1]));
        Assert.Equal("doncaster-trust", first.Single(f => f[1] == "2014-10")[4]);
        Assert.Contains(first, f => f[5] == "impower");
        Assert.Equal("doncaster", first[^1][4]);

        // outcomes.csv: one row per replicate, its time to good the same as inspections.csv gives.
        var outcomes = File.ReadAllLines(Path.Combine(output, "outcomes.csv"));
        Assert.StartsWith("variant,replicate,council,first_inadequate,months_to_good,censored,months_good_or_better,months_judged,spend_to_budget,mean_agency_share,grade_at_end", outcomes[0], StringComparison.Ordinal);
        Assert.Equal(3, outcomes.Length);
        var inspections = File.ReadLines(Path.Combine(output, "inspections.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var row in outcomes.Skip(1).Select(l => l.Split(',')))
        {
            var mine = inspections.Where(f => f[0] == row[1]).Select(f => (Month: Simulation.Model.Time.Month.Parse(f[1]), Grade: f[4])).ToList();
            var firstBad = mine.First(i => i.Grade == "inadequate").Month;
            Assert.Equal(firstBad.ToString(), row[3]);
            var good = mine.FirstOrDefault(i => i.Month > firstBad && i.Grade is "good" or "outstanding");
            if (good.Grade is null)
            {
                Assert.Equal("1", row[5]);
                Assert.Equal(Simulation.Model.Time.Month.Parse("2025-12").MonthsSince(firstBad).ToString(System.Globalization.CultureInfo.InvariantCulture), row[4]);
            }
            else
            {
                Assert.Equal("0", row[5]);
                Assert.Equal(good.Month.MonthsSince(firstBad).ToString(System.Globalization.CultureInfo.InvariantCulture), row[4]);
            }
        }
        Assert.Equal("run,council,months,at_risk,reached_good,censored,share_good,share_good_low_95,share_good_high_95",
            File.ReadLines(Path.Combine(output, "time-to-good.csv")).First());
        var report = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("<h2>Time to good</h2>", report, StringComparison.Ordinal);
        Assert.Contains("Kaplan–Meier", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { "--help" }, new[] { "run", "parameters" })]
    [InlineData(new string[] { "run", "--help" }, new[] { "--out", "--replicates", "--seed", "--force", "--verbose", "scenario" })]
    [InlineData(new string[] { "parameters", "--help" }, new[] { "--format" })]
    public void Help_explains_every_option(string[] args, string[] mentions)
    {
        var (exit, stdout, _) = Run(args);
        Assert.Equal(0, exit);
        foreach (var m in mentions) Assert.Contains(m, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var (exit, _, err) = Run("run", Repository.Scenario("doncaster.yaml"), "--replicatez", "3");
        Assert.Equal(2, exit);
        Assert.Contains("--replicatez", err, StringComparison.Ordinal);
        AssertNoStackTrace(err);
    }

    [Theory]
    [InlineData("sensitivity", "--parallel", "0", "--parallel: 0 is out of range; expected 1 to 1024")]
    [InlineData("calibrate-national", "--parallel", "5000", "--parallel: 5000 is out of range; expected 1 to 1024")]
    [InlineData("sensitivity", "--checkpoint-months", "6", "--checkpoint-months applies only with --cluster")]
    [InlineData("sensitivity", "--cluster-id", "a b", "--cluster-id: 'a b' is not an id; expected letters, digits, '-' or '_'")]
    [InlineData("calibrate-national", "--checkpoint-months", "0", "--checkpoint-months: 0 is out of range; expected 1 to 1200")]
    public void Bad_cluster_or_parallel_options_of_a_design_exit_2_with_one_line_and_write_nothing(string command, string option, string value, string message)
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("x");
        // Options that only mean something with --cluster get one (its Redis is never asked: the options are checked first).
        string[] cluster = option is "--cluster-id" || (option == "--checkpoint-months" && value == "0") ? ["--cluster", "redis://127.0.0.1:1"] : [];
        string[] args = command == "sensitivity"
            ? ["sensitivity", Repository.Scenario("two-councils.yaml"), "-p", "practice.bias,practice.improvement_months", "-r", "2", "-n", "1", "--out", folder]
            : ["calibrate-national", "--particles", "2", "--generations", "1", "-n", "1", "--out", Path.Combine(folder, "posterior.csv"), "--figures", folder];
        var (exit, _, err) = Run([.. args, .. cluster, option, value]);
        Assert.Equal(2, exit);
        Assert.Equal(message, Assert.Single(err.Trim().Split('\n')));
        AssertNoStackTrace(err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}
