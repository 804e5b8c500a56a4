using Orleans.TestingHost;
using Simulation.Scenarios;
using Simulation.Silo.Cli;
using Simulation.Silo.Running;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cluster;

/// <summary>
/// The same scenario and seed give byte-identical tables whether the run is on the embedded single
/// silo, on a two-silo cluster with grains spread at random over both, or stepped directly without
/// Orleans. A different seed gives different tables.
/// </summary>
public sealed class ClusterDeterminismTests : IAsyncLifetime
{
    private const int Replicates = 60; // four blocks of 15 (automatic); the cluster run below uses twelve of 5
    private InProcessTestCluster? _cluster;

    public async Task InitializeAsync()
    {
        // Activations spread over both silos, so model types really cross silo boundaries.
        _cluster = await Clusters.StartAsync(2);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    private static Scenario Doncaster(long? seed = null) =>
        ScenarioLoader.Load(Repository.Scenario("doncaster.yaml")).With(seed, Replicates);

    [Fact]
    public async Task Two_silo_cluster_gives_the_same_tables_as_the_embedded_silo_and_the_direct_run()
    {
        using var temp = new TempFolder();
        var scenario = Doncaster();

        var embedded = temp.Combine("embedded");
        var exit = await RunCommand.RunAsync(Repository.Scenario("doncaster.yaml"), embedded, Replicates, null, false, false, CancellationToken.None);
        Assert.Equal(ExitCodes.Success, exit);

        var clustered = temp.Combine("cluster");
        Directory.CreateDirectory(clustered);
        var statistics = new List<Task<SimpleGrainStatistic[]>>();
        var management = _cluster!.Client.GetGrain<IManagementGrain>(0);
        var progress = new SynchronousProgress<RunProgress>(p =>
        {
            if (p.MonthsDone == 1) statistics.Add(management.GetSimpleGrainStatistics());
        });
        using (var writer = new Simulation.Silo.Output.ResultWriter(clustered))
        {
            // Twelve blocks, each runner placed at random with its entity grains beside it: the
            // chance that all land on one of the two silos is 2 in 4,096.
            await RunDriver.RunAsync(_cluster.Client, scenario.Setup with { ShardSize = 5 }, writer, progress);
        }

        var direct = temp.Combine("direct");
        Runs.Write(await Runs.DirectAsync(scenario.Setup), direct);

        Runs.AssertSameTables(embedded, clustered);
        Runs.AssertSameTables(embedded, direct);

        // The entity grains really were on both silos.
        var stats = await Assert.Single(statistics);
        var silosHostingEntities = stats
            .Where(s => s.GrainType.Contains("Simulation.Grains", StringComparison.Ordinal) && s.ActivationCount > 0)
            .Select(s => s.SiloAddress)
            .Distinct()
            .Count();
        Assert.Equal(2, silosHostingEntities);
    }

    [Fact]
    public async Task A_different_seed_gives_different_tables()
    {
        using var temp = new TempFolder();
        foreach (var (name, seed) in new[] { ("a", 1L), ("b", 2L) })
        {
            var folder = temp.Combine(name);
            Directory.CreateDirectory(folder);
            using var writer = new Simulation.Silo.Output.ResultWriter(folder);
            await RunDriver.RunAsync(_cluster!.Client, Doncaster(seed).Setup, writer);
        }
        foreach (var table in new[] { "timeseries.csv", "inspections.csv" })
        {
            Assert.False(File.ReadAllBytes(temp.Combine("a", table)).AsSpan().SequenceEqual(File.ReadAllBytes(temp.Combine("b", table))),
                $"{table} is the same for seeds 1 and 2");
        }
    }

    [Fact]
    public async Task A_conditioned_run_gives_the_same_tables_and_weights_on_the_cluster_as_directly()
    {
        // 60 replicates of the conditioning fixture: three blocks, spread over both silos.
        using var temp = new TempFolder();
        var scenario = ScenarioLoader.Load(Backtest.ConditioningTests.Fixture("conditioned.yaml")).With(null, Replicates);
        var clustered = temp.Combine("cluster");
        Directory.CreateDirectory(clustered);
        var clusterWeights = new Simulation.Silo.Backtest.ConditioningSink(scenario);
        using (var writer = new Simulation.Silo.Output.ResultWriter(clustered))
        {
            await RunDriver.RunAsync(_cluster!.Client, scenario.Setup, new TeeSink(writer, clusterWeights));
        }
        clusterWeights.WriteWeights(clustered);

        var direct = temp.Combine("direct");
        var months = await Runs.DirectAsync(scenario.Setup with { ShardSize = 7 });
        Runs.Write(months, direct);
        var directWeights = new Simulation.Silo.Backtest.ConditioningSink(scenario);
        foreach (var m in months) directWeights.Write(m);
        directWeights.WriteWeights(direct);

        Runs.AssertSameTables(direct, clustered);
        Assert.Equal(File.ReadAllBytes(Path.Combine(direct, "weights.csv")), File.ReadAllBytes(Path.Combine(clustered, "weights.csv")));
        Assert.True(clusterWeights.EffectiveSampleSize("a") is > 1 and < Replicates);
    }

    [Fact]
    public async Task A_run_drawing_from_a_posterior_gives_the_same_tables_on_the_cluster_as_directly()
    {
        // The posterior crosses silo boundaries with the setup; each replicate's particle is drawn
        // from its own key, so neither silos nor blocks change it.
        using var temp = new TempFolder();
        var scenario = ScenarioLoader.Load(Posterior.PosteriorTests.Fixture("posterior.yaml")).With(null, Replicates);
        Assert.True(Enumerable.Range(0, Replicates).Select(scenario.Setup.ParticleIndexFor).Distinct().Count() == 3);
        var clustered = temp.Combine("cluster");
        Directory.CreateDirectory(clustered);
        using (var writer = new Simulation.Silo.Output.ResultWriter(clustered))
        {
            await RunDriver.RunAsync(_cluster!.Client, scenario.Setup, writer);
        }
        var direct = temp.Combine("direct");
        Runs.Write(await Runs.DirectAsync(scenario.Setup with { ShardSize = 7 }), direct);
        Runs.AssertSameTables(direct, clustered);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    [Fact]
    public async Task Idle_grains_survive_activation_collection_during_a_long_run()
    {
        // A trust grain that never runs its service is called at initialisation and then not for
        // years of simulated time; on a long run that is longer than Orleans's idle collection age.
        // Force collections throughout a run: it must finish, with the same tables.
        using var temp = new TempFolder();
        var scenario = ScenarioLoader.Load(Repository.Scenario("doncaster-no-trust.yaml")).With(null, 30);
        var management = _cluster!.Client.GetGrain<IManagementGrain>(0);
        var folder = temp.Combine("collected");
        Directory.CreateDirectory(folder);
        Task run;
        using (var writer = new Simulation.Silo.Output.ResultWriter(folder))
        {
            run = RunDriver.RunAsync(_cluster.Client, scenario.Setup, writer);
            while (!run.IsCompleted)
            {
                await management.ForceActivationCollection(TimeSpan.FromMilliseconds(1));
                await Task.WhenAny(run, Task.Delay(20));
            }
            await run;
        }
        var direct = temp.Combine("direct");
        Runs.Write(await Runs.DirectAsync(scenario.Setup), direct);
        Runs.AssertSameTables(direct, folder);
    }
}
