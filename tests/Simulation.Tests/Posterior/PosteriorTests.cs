using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Cli;
using Simulation.Silo.Output;
using Simulation.Silo.Statistics;
using Simulation.Tests.Support;

namespace Simulation.Tests.Posterior;

/// <summary>
/// Replicates that take their parameters from a calibration posterior (<c>posterior: FILE</c>):
/// the file's checks, the draw, <c>best</c>, and what a run writes.
/// </summary>
public sealed class PosteriorTests
{
    public static string Fixture(string name) => Repository.File("tests", "Simulation.Tests", "Posterior", "Fixtures", name);

    private static Scenario Load() => ScenarioLoader.Load(Fixture("posterior.yaml"));

    [Fact]
    public void The_posterior_gives_its_parameters_and_the_scenario_the_rest()
    {
        var s = Load();
        var posterior = Assert.IsType<ParameterPosterior>(s.Setup.Posterior);
        Assert.Equal([0, 2, 1], posterior.Particles.AsEnumerable());
        Assert.Equal([0.2, 0.3, 0.5], posterior.Weights.AsEnumerable());
        Assert.Equal(PosteriorMode.Draw, posterior.Mode);
        Assert.Equal([0.5, -0.5, 1.5], posterior.Sets.Select(p => p.Practice.Bias));
        Assert.Equal([0.2, 0.1, 0.4], posterior.Sets.Select(p => p.Leadership.Erosion));
        // What the posterior does not give stays as the scenario sets it.
        Assert.All(posterior.Sets, p => Assert.Equal(0.6, p.Inspection.GoodThreshold));
        Assert.All(posterior.Sets, p => Assert.Equal(s.Setup.Parameters.Workforce, p.Workforce));
        Assert.Equal(0.9, s.Setup.Parameters.Practice.Bias);
        Assert.Contains(s.Inputs, i => i.Path.EndsWith("posterior.csv", StringComparison.Ordinal) && i.Sha256.Length == 64);
    }

    [Fact]
    public void Without_a_posterior_every_replicate_runs_the_scenarios_parameters()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml"));
        Assert.Null(s.Setup.Posterior);
        Assert.All(Enumerable.Range(0, 50), r => Assert.Same(s.Setup.Parameters, s.Setup.ParametersFor(r)));
        Assert.Equal(-1, s.Setup.ParticleIndexFor(0));
    }

    [Fact]
    public void The_draw_is_a_pure_function_of_seed_and_replicate_weighted_by_the_particles()
    {
        var setup = Load().Setup;
        var many = setup with { Replicates = 20_000 };
        var draws = Enumerable.Range(0, many.Replicates).Select(many.ParticleIndexFor).ToArray();
        // Raising the replicates leaves the first replicates' particles as they were; reloading changes nothing.
        Assert.Equal(Enumerable.Range(0, setup.Replicates).Select(setup.ParticleIndexFor), draws.Take(setup.Replicates));
        Assert.Equal(draws.Take(12), Enumerable.Range(0, 12).Select(Load().Setup.ParticleIndexFor));
        for (var i = 0; i < 3; i++) Assert.InRange(draws.Count(d => d == i) / (double)draws.Length, setup.Posterior!.Weights[i] - 0.02, setup.Posterior.Weights[i] + 0.02);
        // Another seed draws differently.
        var other = setup with { Seed = 12 };
        Assert.NotEqual(draws.Take(12), Enumerable.Range(0, 12).Select(other.ParticleIndexFor));
        Assert.Same(setup.Posterior!.Sets[draws[3]], setup.ParametersFor(3));
    }

    [Fact]
    public async Task A_drawn_run_does_not_depend_on_the_block_size()
    {
        var setup = Load().Setup;
        using var temp = new TempFolder();
        Runs.Write(await Runs.DirectAsync(setup with { ShardSize = 5 }), temp.Combine("five"));
        Runs.Write(await Runs.DirectAsync(setup with { ShardSize = 25 }), temp.Combine("one-block"));
        Runs.AssertSameTables(temp.Combine("one-block"), temp.Combine("five"));
    }

    [Fact]
    public async Task Best_is_the_same_run_as_the_best_particles_values_given_as_parameters()
    {
        var best = Load().WithPosteriorMode(PosteriorMode.Best);
        // Particles 2 and 1 tie on the smallest distance; the lower id wins, whatever the file's order.
        Assert.All(Enumerable.Range(0, best.Setup.Replicates), r => Assert.Equal(2, best.Setup.ParticleIndexFor(r)));
        var text = File.ReadAllText(Fixture("posterior.yaml"))
            .Replace("posterior: posterior.csv\n", "", StringComparison.Ordinal)
            .Replace("  practice.bias: 0.9\n", "  practice.bias: 1.5\n  leadership.erosion: 0.4\n", StringComparison.Ordinal);
        var plain = ScenarioLoader.Parse(text, Fixture("plain.yaml"));
        Assert.Null(plain.Setup.Posterior);

        using var temp = new TempFolder();
        Runs.Write(await Runs.DirectAsync(best.Setup), temp.Combine("best"));
        Runs.Write(await Runs.DirectAsync(plain.Setup), temp.Combine("plain"));
        Runs.AssertSameTables(temp.Combine("plain"), temp.Combine("best"));
        // And the draw is another run: the parameters matter.
        Runs.Write(await Runs.DirectAsync(Load().Setup), temp.Combine("draw"));
        Assert.NotEqual(File.ReadAllText(temp.Combine("best", "timeseries.csv")), File.ReadAllText(temp.Combine("draw", "timeseries.csv")));
    }

    [Fact]
    public void An_experiment_variants_own_values_win_over_the_posteriors()
    {
        var text = File.ReadAllText(Fixture("posterior.yaml"))
            + "experiment:\n  variants:\n    - id: strong\n      parameters: {practice.bias: 2, inspection.good_threshold: 0.7}\n";
        var s = ScenarioLoader.Parse(text, Fixture("with-variants.yaml"));
        var variant = s.ForVariant(Assert.Single(s.Experiment!.Variants));
        var posterior = variant.Setup.Posterior!;
        Assert.All(posterior.Sets, p => Assert.Equal(2, p.Practice.Bias));
        Assert.All(posterior.Sets, p => Assert.Equal(0.7, p.Inspection.GoodThreshold));
        Assert.Equal([0.2, 0.1, 0.4], posterior.Sets.Select(p => p.Leadership.Erosion));
        Assert.Equal(s.Setup.Posterior!.Weights, posterior.Weights);
    }

    private const string Scenario = "name: p\nstart: 2012-01\nend: 2012-06\nseed: 1\nreplicates: 2\nposterior: post.csv\ncouncils: [{id: a}]\n";

    [Theory]
    [InlineData("particle,weight,distance,practice.bais\n0,1,0.1,0.5\n", "post.csv:1:26: practice.bais: unknown parameter; did you mean 'practice.bias'")]
    [InlineData("particle,weight,distance,practice.bias\n0,1,0.1,high\n", "post.csv:2:9: practice.bias: 'high' is not a finite number")]
    [InlineData("particle,weight,distance,practice.bias\n0,1,0.1,NaN\n", "post.csv:2:9: practice.bias: 'NaN' is not a finite number")]
    [InlineData("particle,weight,distance,practice.bias\n0,1,0.1,0.5\n1,1,0.1,7\n", "post.csv:3:9: practice.bias: 7 is out of range; expected -5 to 5")]
    [InlineData("particle,weight,distance,practice.bias\n0,0,0.1,0.5\n", "post.csv:2:3: weight: 0 is not positive")]
    [InlineData("particle,weight,distance,practice.bias\r\n0,-0.5,0.1,0.5\r\n", "post.csv:2:3: weight: -0.5 is not positive")]
    [InlineData("particle,weight,distance,practice.bias\n0,1,0.1,0.5\n0,1,0.2,0.6\n", "post.csv:3:1: particle: particle 0 is already on line 2")]
    [InlineData("weight,particle,distance,practice.bias\n1,0,0.1,0.5\n", "post.csv:1:1: particle: expected column 1 to be 'particle'")]
    [InlineData("particle,weight,distance\n0,1,0.1\n", "post.csv:1:1: names no parameter")]
    [InlineData("particle,weight,distance,practice.bias\n", "post.csv:1:1: holds a header but no particles")]
    [InlineData("", "post.csv: is empty")]
    [InlineData("\n\n", "post.csv: is empty")]
    public void A_bad_posterior_file_gives_located_errors(string csv, string expected)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("s.yaml"), Scenario);
        File.WriteAllText(temp.Combine("post.csv"), csv);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(temp.Combine("s.yaml")));
        Assert.Contains(e.Errors, x => x.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("posterior: ../outside.csv", "s.yaml:6:12: posterior: '../outside.csv' is outside this file's folder")]
    [InlineData("posterior: missing.csv", "s.yaml:6:12: posterior: 'missing.csv' does not exist")]
    [InlineData("posterior: /tmp/post.csv", "s.yaml:6:12: posterior: '/tmp/post.csv' is an absolute path")]
    [InlineData("posterior_mode: best", "s.yaml:6:17: posterior_mode: applies only to a posterior")]
    [InlineData("posterior: post.csv\nposterior_mode: mean", "s.yaml:7:17: posterior_mode: ")]
    public void A_bad_posterior_key_gives_located_errors(string line, string expected)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("sub"));
        File.WriteAllText(temp.Combine("outside.csv"), File.ReadAllText(Fixture("posterior.csv")));
        File.WriteAllText(temp.Combine("sub", "post.csv"), File.ReadAllText(Fixture("posterior.csv")));
        File.WriteAllText(temp.Combine("sub", "s.yaml"), Scenario.Replace("posterior: post.csv", line, StringComparison.Ordinal));
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(temp.Combine("sub", "s.yaml")));
        Assert.Contains(e.Errors, x => x.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_posterior_exits_2_and_writes_nothing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("s.yaml"), Scenario);
        File.WriteAllText(temp.Combine("post.csv"), "particle,weight,distance,practice.bias\n0,1,0.1,9\n");
        var exit = await RunCommand.RunAsync(temp.Combine("s.yaml"), temp.Combine("out"), null, null, false, false, CancellationToken.None);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.False(Directory.Exists(temp.Combine("out")));
        // --posterior-mode on a scenario with no posterior is bad input too.
        exit = await RunCommand.RunAsync(Repository.Scenario("two-councils.yaml"), temp.Combine("out"), 1, null, false, false, CancellationToken.None,
            posteriorMode: PosteriorMode.Best);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [Fact]
    public async Task A_run_writes_the_particles_drawn_the_manifest_records_the_posterior_and_the_report_splits_the_spread()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        var exit = await RunCommand.RunAsync(Fixture("posterior.yaml"), folder, null, null, false, false, CancellationToken.None);
        Assert.Equal(ExitCodes.Success, exit);
        var setup = Load().Setup;
        var rows = File.ReadAllLines(Path.Combine(folder, ParameterDraws.FileName));
        Assert.Equal("replicate,particle,practice.bias,leadership.erosion", rows[0]);
        Assert.Equal(1 + setup.Replicates, rows.Length);
        var values = new Dictionary<int, string> { [0] = "0.5,0.2", [2] = "-0.5,0.1", [1] = "1.5,0.4" };
        for (var r = 0; r < setup.Replicates; r++)
        {
            var particle = setup.Posterior!.Particles[setup.ParticleIndexFor(r)];
            Assert.Equal($"{r},{particle},{values[particle]}", rows[r + 1]);
        }
        var manifest = File.ReadAllText(Path.Combine(folder, Manifest.FileName));
        Assert.Contains("\"posterior\": {", manifest, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"draw\"", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"sha256\": \"{Load().Posterior!.Sha256}\"", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"{ParameterDraws.FileName}\": \"", manifest, StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(folder, "report.html"));
        Assert.Contains("Parameters and chance", report, StringComparison.Ordinal);
        Assert.Contains("<th>between sets</th><th>within sets</th>", report, StringComparison.Ordinal);
        Assert.Contains("A rough estimate", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_chooses_the_best_particle()
    {
        // The option as declared: draw or best, nothing else.
        var command = RunCommand.Create();
        Assert.Empty(command.Parse(["s.yaml", "--posterior-mode", "best"]).Errors);
        Assert.Contains(command.Parse(["s.yaml", "--posterior-mode", "mean"]).Errors, e => e.Message.Contains("'mean'", StringComparison.Ordinal));

        using var temp = new TempFolder();
        var folder = temp.Combine("best");
        var exit = await RunCommand.RunAsync(Fixture("posterior.yaml"), folder, 3, null, false, false, CancellationToken.None, posteriorMode: PosteriorMode.Best);
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(["0,1,1.5,0.4", "1,1,1.5,0.4", "2,1,1.5,0.4"], File.ReadAllLines(Path.Combine(folder, ParameterDraws.FileName)).Skip(1));
        Assert.Contains("\"mode\": \"best\"", File.ReadAllText(Path.Combine(folder, Manifest.FileName)), StringComparison.Ordinal);
        Assert.Contains("all of the spread across replicates is chance", File.ReadAllText(Path.Combine(folder, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Variance_splits_into_between_and_within_particles()
    {
        // Particle 0 gives 1 and 3, particle 1 gives 5 and 7: mean 4, variance (9 + 1 + 1 + 9) / 4 = 5,
        // of which the particle means (2 and 6) account for 4 and the spread within them for 1.
        var split = VarianceSplit.Of([(0, 1), (0, 3), (1, 5), (1, 7)]);
        Assert.Equal(4, split.Count);
        Assert.Equal(2, split.Groups);
        Assert.Equal(4, split.Mean, 12);
        Assert.Equal(5, split.Total, 12);
        Assert.Equal(4, split.Between, 12);
        Assert.Equal(1, split.Within, 12);
        Assert.Equal(split.Total, split.Between + split.Within, 12);
        // Corrected for chance in the means: MSB 16, MSW 2, n0 2: between (16 - 2) / 2 = 7, within 2.
        Assert.Equal(7.0 / 9, split.ParameterShare, 12);
        Assert.True(split.Rough());

        // One particle: all chance. One replicate per particle: chance is not measured. NaN left out.
        Assert.Equal(0, VarianceSplit.Of([(3, 1), (3, 2), (3, double.NaN)]).ParameterShare);
        Assert.Equal(2, VarianceSplit.Of([(3, 1), (3, 2), (3, double.NaN)]).Count);
        var singles = VarianceSplit.Of([(0, 1), (1, 2), (2, 6)]);
        Assert.True(double.IsNaN(singles.ParameterShare));
        Assert.Equal(singles.Total, singles.Between, 12);
        Assert.False(VarianceSplit.Of(Enumerable.Range(0, 20).Select(i => (i % 2, (double)i))).Rough());
    }
}
