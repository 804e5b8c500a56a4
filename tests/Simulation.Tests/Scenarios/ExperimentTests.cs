using Simulation.Model.Parameters;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Scenarios;

/// <summary>Experiments in the file: grids, Latin hypercubes, named variants and replications.</summary>
public class ExperimentTests
{
    private const string Base = """
        name: tiny
        start: 2010-01
        end: 2011-12
        seed: 3
        replicates: 4
        councils:
          - id: a
        """;

    private static Scenario Load(string experiment) => ScenarioLoader.Parse(Base + "\n" + experiment, "test.yaml");

    private static IReadOnlyList<ScenarioError> Errors(string experiment)
    {
        var e = Assert.Throws<ScenarioException>(() => Load(experiment));
        return e.Errors;
    }

    [Fact]
    public void A_grid_runs_every_combination_in_the_order_written()
    {
        var s = Load("""
            experiment:
              sweep:
                method: grid
                parameters:
                  governance.clean_break_culture: [0.2, 0.8]
                  governance.scrutiny_lag_contract: {low: 3, high: 15, steps: 3}
            """);
        var x = Assert.IsType<Experiment>(s.Experiment);
        Assert.Equal(["governance.clean_break_culture", "governance.scrutiny_lag_contract"], x.Keys.ToArray());
        Assert.Equal(6, x.Variants.Length);
        Assert.Equal(24, s.Runs);
        Assert.Equal(["v001", "v002", "v003", "v004", "v005", "v006"], x.Variants.Select(v => v.Id));
        Assert.Equal([0.2, 0.2, 0.2, 0.8, 0.8, 0.8], x.Variants.Select(v => v.Parameters.Governance.CleanBreakCulture));
        Assert.Equal([3.0, 9, 15, 3, 9, 15], x.Variants.Select(v => v.Parameters.Governance.ScrutinyLagContract));
        // What variants.csv shows is what the variant runs with.
        Assert.All(x.Variants, v => Assert.Equal(v.Values[1].Value, v.Parameters.Governance.ScrutinyLagContract));
    }

    [Fact]
    public void A_latin_hypercube_puts_one_point_in_every_stratum_of_every_parameter_and_is_reproducible()
    {
        const string text = """
            experiment:
              sweep:
                method: latin_hypercube
                samples: 10
                seed: 42
                parameters:
                  workforce.base_turnover: {low: 0.1, high: 0.2}
                  governance.clean_break_culture: {low: 0, high: 1}
            """;
        var x = Load(text).Experiment!;
        Assert.Equal(10, x.Variants.Length);
        foreach (var (key, low, high) in new[] { ("workforce.base_turnover", 0.1, 0.2), ("governance.clean_break_culture", 0.0, 1.0) })
        {
            var strata = x.Variants.Select(v => v.Values.Single(p => p.Key == key).Value)
                .Select(value => (int)Math.Min(9, Math.Floor((value - low) / (high - low) * 10))).Order();
            Assert.Equal(Enumerable.Range(0, 10), strata);
        }
        Assert.Equal(x.Variants.Select(v => v.Values), Load(text).Experiment!.Variants.Select(v => v.Values), new ValuesComparer());
        var other = Load(text.Replace("seed: 42", "seed: 43", StringComparison.Ordinal)).Experiment!;
        Assert.NotEqual(x.Variants[0].Values[0].Value, other.Variants[0].Values[0].Value);
    }

    private sealed class ValuesComparer : IEqualityComparer<System.Collections.Immutable.ImmutableArray<VariantValue>>
    {
        public bool Equals(System.Collections.Immutable.ImmutableArray<VariantValue> a, System.Collections.Immutable.ImmutableArray<VariantValue> b) => a.SequenceEqual(b);
        public int GetHashCode(System.Collections.Immutable.ImmutableArray<VariantValue> a) => a.Length;
    }

    [Fact]
    public void Named_variants_set_parameters_nested_or_dotted_and_report_every_swept_key()
    {
        var x = Load("""
            experiment:
              variants:
                - id: weak-scrutiny
                  parameters: {governance.scrutiny_lag_contract: 18}
                - id: strong-break
                  parameters:
                    governance:
                      clean_break_culture: 0.9
            """).Experiment!;
        Assert.Equal(["weak-scrutiny", "strong-break"], x.Variants.Select(v => v.Id));
        Assert.Equal(["governance.scrutiny_lag_contract", "governance.clean_break_culture"], x.Keys.ToArray());
        // A variant that leaves a key alone reports the value it runs with: the scenario's.
        Assert.Equal(ModelParameters.Default.Governance.CleanBreakCulture, x.Variants[0].Values[1].Value);
        Assert.Equal(0.9, x.Variants[1].Parameters.Governance.CleanBreakCulture);
    }

    [Theory]
    [InlineData("experiment:\n  sweep:\n    parameters:\n      governance.clean_brake_culture: [0.1]\n", "did you mean 'governance.clean_break_culture'")]
    [InlineData("experiment:\n  sweep:\n    parameters:\n      governance.clean_break_culture: [0.1, 1.5]\n", "1.5 is out of range")]
    [InlineData("experiment:\n  sweep:\n    method: latin_hypercube\n    samples: 5\n    parameters:\n      governance.clean_break_culture: [0.1, 0.5]\n", "samples a range")]
    [InlineData("experiment:\n  sweep:\n    method: latin_hypercube\n    parameters:\n      governance.clean_break_culture: {low: 0, high: 1}\n", "samples: missing")]
    [InlineData("experiment:\n  sweep:\n    samples: 5\n    parameters:\n      governance.clean_break_culture: [0.1]\n", "only a latin_hypercube sweep takes samples")]
    [InlineData("experiment:\n  sweep:\n    parameters:\n      governance.clean_break_culture: {low: 0.5, high: 0.2, steps: 2}\n", "is not above low")]
    [InlineData("experiment:\n  sweep:\n    parameters:\n      governance: {clean_break_culture: [0.1]}\n", "dotted key")]
    [InlineData("experiment:\n  variants:\n    - id: ../../etc\n      parameters: {governance.clean_break_culture: 0.1}\n", "must be lower-case letters")]
    [InlineData("experiment:\n  variants:\n    - id: a\n      parameters: {governance.clean_break_culture: 0.1}\n    - id: a\n      parameters: {governance.clean_break_culture: 0.2}\n", "used twice")]
    [InlineData("experiment: {}\n", "is empty")]
    [InlineData("experiment:\n  sweeps: {}\n", "did you mean 'sweep'")]
    public void Experiment_mistakes_are_located(string experiment, string expected)
    {
        var errors = Errors(experiment);
        Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal) && e.File == "test.yaml" && e.Line > 0);
    }

    [Fact]
    public void An_enormous_grid_is_refused_without_building_it()
    {
        var axes = string.Join("\n", ParameterCatalog.All.Take(6).Select(p =>
            $"      {p.Key}: {{low: {p.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)}, high: {p.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)}, steps: 100}}"));
        var errors = Errors("experiment:\n  sweep:\n    parameters:\n" + axes + "\n");
        Assert.Contains(errors, e => e.Message.Contains("combinations; at most", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adding_replicates_never_changes_the_existing_ones()
    {
        var setup = ScenarioLoader.Load(Repository.Scenario("failing-council.yaml")).Setup;
        var three = await Runs.DirectAsync(setup with { Replicates = 3 });
        var five = await Runs.DirectAsync(setup with { Replicates = 5 });
        using var temp = new TempFolder();
        Runs.Write(three, temp.Combine("three"));
        Runs.Write(five, temp.Combine("five"));
        foreach (var table in new[] { "timeseries.csv", "inspections.csv" })
        {
            var a = File.ReadAllLines(temp.Combine("three", table));
            var b = File.ReadAllLines(temp.Combine("five", table)).Where(l => l.Split(',')[0] is "replicate" or "0" or "1" or "2");
            Assert.Equal(a, b);
        }
    }
}

/// <summary>Several councils in one file.</summary>
public class SeveralCouncilsTests
{
    [Fact]
    public async Task Each_council_keeps_its_own_state_arrangement_and_events()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("two-councils.yaml"));
        Assert.Equal(["north", "south"], s.Setup.Councils.Select(c => c.Id));
        Assert.NotEqual(s.Setup.Councils[0].PracticeQuality, s.Setup.Councils[1].PracticeQuality);
        Assert.Equal(["north", "north", "south"], s.Events.OrderBy(e => e.Month).Select(e => e.Council));

        var results = await Runs.DirectAsync(s.Setup with { Replicates = 5 });
        var inspected = results.SelectMany(r => r.Inspections).Select(i => i.Judgement.Area).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["north", "south"], inspected);
    }
}
