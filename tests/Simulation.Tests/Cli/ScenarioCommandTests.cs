using Simulation.Scenarios;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary>validate, schema, and run on a scenario with an experiment.</summary>
public class ScenarioCommandTests
{
    [Fact]
    public void Validate_accepts_every_shipped_scenario()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var (exit, output, err) = Run(["validate", .. files]);
        Assert.True(exit == 0, err);
        Assert.Contains($"{files.Length} of {files.Length} files valid", output, StringComparison.Ordinal);
        Assert.Contains("sweep-trust.yaml: valid: 'sweep-trust'", output, StringComparison.Ordinal);
        Assert.Contains("9 variants (grid) x 20 replicates = 180 runs", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_problem_in_every_file_and_exits_2()
    {
        using var temp = new TempFolder();
        var a = temp.Combine("a.yaml");
        var b = temp.Combine("b.yaml");
        File.WriteAllText(a, "name: a\nstart: 2010-01\nend: 2011-01\nseed: 1\nreplicates: 1\ncouncils: [{id: x, socail_workers: 5}]\n");
        File.WriteAllText(b, "name: b\nstart: 2010-13\n");
        var (exit, _, err) = Run("validate", a, b);
        Assert.Equal(2, exit);
        Assert.Contains("a.yaml:6:", err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'social_workers'", err, StringComparison.Ordinal);
        Assert.Contains("b.yaml:2:8: start:", err, StringComparison.Ordinal);
        AssertNoStackTrace(err);
    }

    [Fact]
    public void The_shipped_schema_is_the_one_the_code_generates()
    {
        var shipped = File.ReadAllText(Repository.Scenario(ScenarioSchema.FileName));
        Assert.True(shipped == ScenarioSchema.Generate(), "scenarios/scenario.schema.json is out of date: regenerate it with scripts/update-docs.sh");
        foreach (var p in Simulation.Model.Parameters.ParameterCatalog.All) Assert.Contains($"\"{p.Key}\"", shipped, StringComparison.Ordinal);
        foreach (var t in EventType.All) Assert.Contains($"\"const\": \"{t.Name}\"", shipped, StringComparison.Ordinal);
        foreach (var s in CouncilSettings.All) Assert.Contains($"\"{s.Key}\"", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_runs_every_variant_into_its_own_folder_with_an_index()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("sweep");
        var (exit, stdout, err) = Run("run", Repository.Scenario("sweep-trust.yaml"), "--out", output, "--replicates", "3");
        Assert.True(exit == 0, err);
        Assert.Contains("9 variants", stdout, StringComparison.Ordinal);
        var index = File.ReadAllLines(Path.Combine(output, "variants.csv"));
        Assert.Equal("variant,seed,replicates,governance.clean_break_culture,governance.scrutiny_lag_contract", index[0]);
        Assert.Equal(10, index.Length);
        Assert.Equal("v001,2014,3,0.2,3", index[1]);
        Assert.Equal("v009,2014,3,0.8,15", index[9]);
        foreach (var row in index.Skip(1))
        {
            var folder = Path.Combine(output, row.Split(',')[0]);
            foreach (var table in Runs.Tables) Assert.True(File.Exists(Path.Combine(folder, table)), $"{folder}/{table}");
            Assert.Contains("\"variant_parameters\"", File.ReadAllText(Path.Combine(folder, "manifest.json")), StringComparison.Ordinal);
        }
        // The parameters matter: a weak clean break gives different histories from a strong one.
        Assert.NotEqual(File.ReadAllText(Path.Combine(output, "v001", "timeseries.csv")), File.ReadAllText(Path.Combine(output, "v007", "timeseries.csv")));

        // One outcome table for the experiment: a row per variant and replicate with the variant's values,
        // the same rows as each variant's own table; a summary per variant; the response figure.
        var outcomes = File.ReadAllLines(Path.Combine(output, "outcomes.csv"));
        Assert.StartsWith("variant,replicate,council,governance.clean_break_culture,governance.scrutiny_lag_contract,first_inadequate,months_to_good,censored", outcomes[0], StringComparison.Ordinal);
        Assert.Equal(1 + 9 * 3, outcomes.Length);
        Assert.StartsWith("v007,2,council,0.8,3,", outcomes[1 + 6 * 3 + 2], StringComparison.Ordinal);
        var own = File.ReadAllLines(Path.Combine(output, "v007", "outcomes.csv"));
        Assert.Equal(own[3], outcomes[1 + 6 * 3 + 2]);
        var summary = File.ReadAllLines(Path.Combine(output, "outcomes-summary.csv"));
        Assert.Equal(1 + 9, summary.Length);
        Assert.Contains("median_months_to_good,median_low_95,median_high_95", summary[0], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "plots", "response.png")));
        Assert.True(File.Exists(Path.Combine(output, "time-to-good.csv")));
    }

    [Fact]
    public void An_enormous_experiment_needs_yes_really_and_writes_nothing_without_it()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("big");
        var (exit, _, err) = Run("run", Repository.Scenario("sweep-trust.yaml"), "--out", output, "--replicates", "5000");
        Assert.Equal(2, exit);
        Assert.Contains("asks for 45,000 simulated histories (9 variants x 5,000 replicates); pass --yes-really", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        AssertNoStackTrace(err);
    }
}
