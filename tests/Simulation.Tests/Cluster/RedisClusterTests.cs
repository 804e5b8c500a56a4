using Simulation.Grains;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Silo.Cli;
using Simulation.Silo.Hosting;
using Simulation.Silo.Output;
using Simulation.Silo.Running;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cluster;

/// <summary>Starts one Redis server for the cluster tests; each test forms its own cluster in it (its own cluster id).</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// Runs on a real cluster: silos are separate processes of the product's <c>silo</c> command that
/// find each other through Redis, and the test is the client. A silo SIGKILLed mid-run, at several
/// moments, or a silo joining mid-run, leaves the tables byte-identical to the embedded run with
/// the same seed, and nothing of the run in Redis.
/// </summary>
public sealed class RedisClusterTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    // Doncaster, 2008-2025, with enough replicates (12 blocks of 25) to take several seconds on the cluster.
    private const int Replicates = 300;
    private static readonly RunOptions Options = new() { CheckpointMonths = 12 };

    private static Scenario Doncaster() => ScenarioLoader.Load(Repository.Scenario("doncaster.yaml")).With(null, Replicates);

    private static readonly Lazy<Task<string>> Embedded = new(async () =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "simulation-tests", "redis-embedded-" + Guid.NewGuid().ToString("N"));
        var exit = await RunCommand.RunAsync(Repository.Scenario("doncaster.yaml"), folder, Replicates, null, false, false, CancellationToken.None);
        Assert.Equal(ExitCodes.Success, exit);
        return folder;
    });

    // Early (between the first checkpoints, the first silo) and late (near the end, the last silo):
    // a third case at month 100 covered nothing these two do not and cost over a minute of the suite.
    [Theory]
    [InlineData(20, 0)]
    [InlineData(190, 2)]
    public async Task A_silo_killed_mid_run_leaves_the_tables_identical_to_the_embedded_run(int killAfterMonths, int victim)
    {
        var clusterId = $"kill-{killAfterMonths}-{Guid.NewGuid():N}";
        using var silos = await SiloGroup.StartAsync(redis.Server.Address, clusterId, 3);
        var killed = false;
        await AssertSameAsEmbeddedAsync(clusterId, done =>
        {
            if (done != killAfterMonths) return;
            silos[victim].Kill();
            killed = true;
        });
        Assert.True(killed, "the silo was not killed: the run ended first");
        Assert.False(silos[victim].Running);
    }

    [Fact]
    public async Task A_silo_joining_mid_run_changes_nothing()
    {
        var clusterId = $"join-{Guid.NewGuid():N}";
        using var silos = await SiloGroup.StartAsync(redis.Server.Address, clusterId, 2);
        await AssertSameAsEmbeddedAsync(clusterId, done =>
        {
            if (done == 30) silos.Join(redis.Server.Address, clusterId);
        });
        Assert.Equal(3, await silos.JoinedAsync());
    }

    [Fact]
    public async Task A_run_whose_cluster_dies_fails_with_a_clear_error_after_bounded_retries()
    {
        var clusterId = $"gone-{Guid.NewGuid():N}";
        using var silos = await SiloGroup.StartAsync(redis.Server.Address, clusterId, 1);
        using var client = await ConnectAsync(clusterId);
        var grains = Grains(client);
        var quick = Options with { MaxAttempts = 3, FirstBackoff = TimeSpan.FromMilliseconds(200), MaxTimeouts = 1 };
        var progress = new Progress(done =>
        {
            if (done == 10) silos[0].Kill();
        });
        var e = await Assert.ThrowsAnyAsync<Exception>(() => RunDriver.RunAsync(grains, Doncaster().Setup, new CollectingSink(), progress, quick));
        Assert.True(e is ClusterUnavailableException, $"expected the cluster to be reported gone, not {e.GetType().Name}: {e.Message}");
        Assert.Contains("the cluster did not answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_stay_in_redis_only_when_asked_to()
    {
        var clusterId = $"keep-{Guid.NewGuid():N}";
        using var silos = await SiloGroup.StartAsync(redis.Server.Address, clusterId, 1);
        using var client = await ConnectAsync(clusterId);
        var grains = Grains(client);
        var setup = Doncaster().Setup with { Replicates = 30, ShardSize = 8 };
        await RunDriver.RunAsync(grains, setup, new CollectingSink(), null, Options with { KeepCheckpoints = true });
        var kept = redis.Server.Keys().Where(k => !k.Contains("/members/", StringComparison.Ordinal)).ToList();
        try
        {
            // Each block runner's and every entity block's (30 replicates in blocks of 8: 4 blocks; 5 entities).
            Assert.Equal(4, setup.Shards);
            Assert.Equal(setup.Shards * (1 + setup.Entities().Count()), kept.Count);
        }
        finally
        {
            foreach (var key in kept) await redis.Server.Redis.GetDatabase().KeyDeleteAsync(key);
        }
        await RunDriver.RunAsync(grains, setup, new CollectingSink(), null, Options);
        AssertNothingOfTheRunLeft();
    }

    [Fact]
    public async Task The_run_command_with_no_silo_left_exits_non_zero_and_writes_nothing()
    {
        var clusterId = $"none-{Guid.NewGuid():N}";
        // A silo that joined and died: its entry stays in the membership table, as after a crash.
        using (var silo = await SiloProcess.StartAsync(redis.Server.Address, clusterId)) silo.Kill();
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        var target = new RunCommand.ClusterRun(new ClusterAddress("127.0.0.1", redis.Server.Port), clusterId,
            Options with { MaxAttempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(200), MaxTimeouts = 1 });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var exit = await RunCommand.RunAsync(Repository.Scenario("doncaster.yaml"), folder, 25, null, false, false, CancellationToken.None, cluster: target);
        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.False(Directory.Exists(folder));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed} to give up");
    }

    // A tiny Morris design on two-councils: 2 trajectories x (2 + 1) = 6 points of 4 replicates, each point a run.
    private static Task<int> SensitivityAsync(string folder, RunCommand.ClusterRun? cluster, int? parallel) =>
        SensitivityCommand.RunAsync(Repository.Scenario("two-councils.yaml"), "morris", "practice.bias,practice.improvement_months", "local", 0.1,
            ["good_at:2019-12", "time_to_good"], null, trajectories: 2, levels: 4, samples: 64, bootstrap: 50, replicates: 4, seed: null, folder,
            force: false, folders: false, dryRun: false, yesReally: false, CancellationToken.None, cluster, parallel);

    // One test for all three, to start the silos once (each start costs seconds of the suite).
    [Fact]
    public async Task Designs_on_the_cluster_give_the_local_results_and_one_clear_error_when_the_cluster_dies_midway()
    {
        var clusterId = $"design-{Guid.NewGuid():N}";
        using var silos = await SiloGroup.StartAsync(redis.Server.Address, clusterId, 2);
        using var temp = new TempFolder();
        var address = new ClusterAddress("127.0.0.1", redis.Server.Port);

        // The same tables as on this machine, however many points run at once.
        var (local, spread) = (temp.Combine("local"), temp.Combine("cluster"));
        Assert.Equal(ExitCodes.Success, await SensitivityAsync(local, null, 1));
        Assert.Equal(ExitCodes.Success, await SensitivityAsync(spread, new RunCommand.ClusterRun(address, clusterId, Options), 4));
        foreach (var file in new[] { SensitivityCommand.TableFile, SensitivityCommand.PointsFile, "outcomes.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(local, file)), File.ReadAllBytes(Path.Combine(spread, file)));
        using (var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(spread, Manifest.FileName))))
        {
            var block = manifest.RootElement.GetProperty("sensitivity");
            Assert.Equal(6, block.GetProperty("evaluations").GetInt64());
            Assert.True(block.GetProperty("evaluations_per_hour").GetDouble() > 0);
            Assert.Equal($"cluster {address} (id {clusterId}), checkpoints every 12 months, 4 evaluations at a time", block.GetProperty("evaluated_on").GetString());
        }
        // Nothing of the design's runs is left in Redis (a test whose cluster died may have left its own).
        Assert.DoesNotContain(redis.Server.Keys(), k => k.Contains("two-councils", StringComparison.Ordinal));

        // The Doncaster calibration's evaluations, side by side on the silos, give the losses they give here
        // (the whole search on the cluster took 12 s of the suite; CalibratorTests checks that the
        // search depends only on the losses, whatever runs them).
        var here = new Calibrator(Calibration.CalibratorTests.Tiny, Evaluator.Local(1));
        var points = Calibration.CalibratorTests.Points(here, 3);
        await using (var design = await DesignEvaluator.OpenAsync(new RunCommand.ClusterRun(address, clusterId, Options), 4, CancellationToken.None))
        {
            var there = new Calibrator(Calibration.CalibratorTests.Tiny, design.Evaluator);
            Assert.Equal(here.Objectives(points), await Task.Run(() => there.Objectives(points)));
        }

        // Every silo killed mid-design: exit 1, one line naming --cluster, and no folder, half-written or staged.
        var folder = temp.Combine("gone");
        var quick = Options with { CheckpointMonths = 1, MaxAttempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(200), MaxTimeouts = 1 };
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            // One point at a time, each checkpointed every month: a checkpoint in Redis means the design is under way.
            var design = SensitivityAsync(folder, new RunCommand.ClusterRun(address, clusterId, quick), 1);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!redis.Server.Keys().Any(k => k.Contains("two-councils", StringComparison.Ordinal)) && !design.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(1))
                await Task.Delay(20);
            Assert.False(design.IsCompleted, "the design ended before the silos could be killed");
            silos[0].Kill();
            silos[1].Kill();
            exit = await design;
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Equal(ExitCodes.RunFailed, exit);
        // Other tests in this process may write to standard error meanwhile: only lines naming the option count.
        var line = Assert.Single(error.ToString().Split('\n'), l => l.StartsWith("--cluster", StringComparison.Ordinal));
        Assert.StartsWith($"--cluster {address}: ", line, StringComparison.Ordinal);
        Assert.EndsWith("; no results written", line, StringComparison.Ordinal);
        Cli.CommandLineTests.AssertNoStackTrace(error.ToString());
        Assert.Equal(new[] { local, spread }.Order(StringComparer.Ordinal), Directory.EnumerateFileSystemEntries(temp.Path).Order(StringComparer.Ordinal));
        foreach (var key in redis.Server.Keys().Where(k => k.Contains("two-councils", StringComparison.Ordinal)))
            await redis.Server.Redis.GetDatabase().KeyDeleteAsync(key);
    }

    [Fact]
    public async Task A_silo_with_the_dashboard_serves_it()
    {
        var port = Simulation.Silo.Hosting.SimulationSilo.FreePort();
        using var silo = await SiloProcess.StartAsync(redis.Server.Address, $"dash-{Guid.NewGuid():N}", "--dashboard", "--dashboard-port",
            port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains($"dashboard http://127.0.0.1:{port}/", silo.ReadyLine, StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var page = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        Assert.True(page.IsSuccessStatusCode, $"the dashboard answered {(int)page.StatusCode}");
        Assert.Contains("html", (await page.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cluster_script_starts_redis_and_silos_that_take_a_run_and_stops_them()
    {
        using var temp = new TempFolder();
        var port = SimulationSilo.FreePort();
        var env = new Dictionary<string, string> { ["CLUSTER_DIR"] = temp.Combine("cluster"), ["SIMULATION_DLL"] = Path.Combine(AppContext.BaseDirectory, "simulation.dll") };
        try
        {
            var (started, output) = Script(env, "start", "2", "--redis-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(started == 0, output);
            Assert.Contains($"cluster up: 2 silos, redis://127.0.0.1:{port}", output, StringComparison.Ordinal);
            var (_, status) = Script(env, "status");
            Assert.Contains("redis: running", status, StringComparison.Ordinal);
            Assert.Contains("silo-1: running", status, StringComparison.Ordinal);
            Assert.Contains("silo-2: running", status, StringComparison.Ordinal);

            var folder = temp.Combine("out");
            var target = new RunCommand.ClusterRun(new ClusterAddress("127.0.0.1", port), SiloCommand.DefaultClusterId, Options);
            var exit = await RunCommand.RunAsync(Repository.Scenario("two-councils.yaml"), folder, 4, null, false, false, CancellationToken.None, cluster: target);
            Assert.Equal(ExitCodes.Success, exit);
            Assert.True(File.Exists(Path.Combine(folder, ResultWriter.Inspections)));
        }
        finally
        {
            var (stopped, output) = Script(env, "stop");
            Assert.True(stopped == 0, output);
        }
        Assert.Contains("no cluster running", Script(env, "status").Output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Script(Dictionary<string, string> env, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repository.File("scripts", "cluster.sh"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "scripts/cluster.sh did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void Checkpoint_options_without_a_cluster_are_refused()
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        var (exit, _, error) = Cli.CommandLineTests.Run("run", Repository.Scenario("doncaster.yaml"), "--out", folder, "--checkpoint-months", "6");
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("apply only with --cluster", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("silo")]
    [InlineData("sensitivity")]
    [InlineData("calibrate-national")]
    [InlineData("calibrate")]
    public void An_unreachable_redis_is_one_clear_error(string command)
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        var args = Args(command, folder, "redis://127.0.0.1:1");
        var (exit, _, error) = Cli.CommandLineTests.Run(args);
        Assert.Equal(ExitCodes.RunFailed, exit);
        Assert.Contains("no Redis answers at redis://127.0.0.1:1", error, StringComparison.Ordinal);
        Cli.CommandLineTests.AssertNoStackTrace(error);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("run", "http://127.0.0.1:6379")]
    [InlineData("run", "redis://")]
    [InlineData("silo", "127.0.0.1:6379")]
    [InlineData("sensitivity", "redis://")]
    [InlineData("calibrate-national", "127.0.0.1:6379")]
    [InlineData("calibrate", "redis://")]
    public void A_malformed_cluster_address_is_refused_naming_the_option(string command, string address)
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("out");
        var args = Args(command, folder, address);
        var (exit, _, error) = Cli.CommandLineTests.Run(args);
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--cluster", error, StringComparison.Ordinal);
        Assert.Contains("redis://HOST:PORT", error, StringComparison.Ordinal);
        Cli.CommandLineTests.AssertNoStackTrace(error);
        Assert.False(Directory.Exists(folder));
    }

    /// <summary>A command of each kind that can take --cluster, small, writing into <paramref name="folder"/>.</summary>
    private static string[] Args(string command, string folder, string cluster) => command switch
    {
        "run" => ["run", Repository.Scenario("doncaster.yaml"), "--out", folder, "--cluster", cluster],
        "sensitivity" => ["sensitivity", Repository.Scenario("two-councils.yaml"), "-p", "practice.bias,practice.improvement_months", "-r", "2", "-n", "2",
            "--out", folder, "--cluster", cluster],
        "calibrate-national" => ["calibrate-national", "--scenario", Repository.Scenario("england.yaml"), "--particles", "2", "--generations", "1", "-n", "1",
            "--out", Path.Combine(folder, "posterior.csv"), "--figures", folder, "--cluster", cluster],
        "calibrate" => ["calibrate", "--scenario", Repository.Scenario("doncaster.yaml"), "--no-trust", Repository.Scenario("doncaster-no-trust.yaml"),
            "--no-it-failure", Repository.Scenario("doncaster-no-it-failure.yaml"), "-n", "1", "--screen", "1", "--generations", "1", "--iterations", "1", "--restarts", "0", "--validate-replicates", "1",
            "--out", Path.Combine(folder, "doncaster-parameters.yaml"), "--cluster", cluster],
        _ => ["silo", "--cluster", cluster],
    };

    private Task<Microsoft.Extensions.Hosting.IHost> ConnectAsync(string clusterId) =>
        SimulationSilo.StartClientAsync(new ClusterAddress("127.0.0.1", redis.Server.Port), clusterId, false, CancellationToken.None);

    private static IGrainFactory Grains(Microsoft.Extensions.Hosting.IHost client) =>
        client.Services.GetService(typeof(IGrainFactory)) as IGrainFactory ?? throw new InvalidOperationException("no grain factory");

    /// <summary>Runs Doncaster on the cluster, then checks its tables against the embedded run and that Redis holds nothing of it.</summary>
    private async Task AssertSameAsEmbeddedAsync(string clusterId, Action<int> afterMonth)
    {
        using var temp = new TempFolder();
        var folder = temp.Combine("cluster");
        Directory.CreateDirectory(folder);
        using (var client = await ConnectAsync(clusterId))
        {
            using (var writer = new ResultWriter(folder))
            {
                await RunDriver.RunAsync(Grains(client), Doncaster().Setup, writer, new Progress(afterMonth), Options);
            }
            await client.StopAsync();
        }
        Runs.AssertSameTables(await Embedded.Value, folder);
        AssertNothingOfTheRunLeft();
    }

    /// <summary>Only the clusters' membership tables stay in Redis: no checkpoint of any run.</summary>
    private void AssertNothingOfTheRunLeft()
    {
        var keys = redis.Server.Keys();
        Assert.All(keys, k => Assert.Contains("/members/", k, StringComparison.Ordinal));
    }

    private sealed class Progress(Action<int> afterMonth) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => afterMonth(value.MonthsDone);
    }
}
