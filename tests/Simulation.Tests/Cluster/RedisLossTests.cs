using System.Diagnostics;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cluster;

/// <summary>
/// A run whose cluster loses its Redis mid-run says so within a minute, in one line naming
/// --cluster, exits 1, and leaves no results and no staging folder (issue 20, item 1). Its own Redis
/// server, since the test kills it.
/// </summary>
public sealed class RedisLossTests
{
    [Fact]
    public async Task Losing_redis_mid_run_is_reported_within_a_minute_and_nothing_is_written()
    {
        using var redis = new RedisServer();
        var clusterId = $"loss-{Guid.NewGuid():N}";
        using var silos = await SiloGroup.StartAsync(redis.Address, clusterId, 1);
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Path);
        var output = temp.Combine("results");

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            "exec", Path.Combine(AppContext.BaseDirectory, "simulation.dll"), "run", Repository.Scenario("doncaster.yaml"),
            "-n", "3000", "--yes-really", "--out", output, "--cluster", redis.Address, "--cluster-id", clusterId,
        })
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["CI"] = "true";
        using var run = Process.Start(info)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();

        // Wait until the run is under way (its staging folder exists), then take Redis away.
        var started = Stopwatch.StartNew();
        while (!Directory.GetDirectories(temp.Path).Any(d => Path.GetFileName(d).StartsWith(".results.partial-", StringComparison.Ordinal)))
        {
            if (run.HasExited) Assert.Fail($"the run ended before Redis was killed: {await stderr}");
            if (started.Elapsed > TimeSpan.FromMinutes(1))
            {
                run.Kill(entireProcessTree: true);
                Assert.Fail($"the run did not start: {await stdout} {await stderr}");
            }
            await Task.Delay(200);
        }
        await Task.Delay(3000);
        // (The error's text is read only once the process has ended: reading it waits for the end.)
        if (run.HasExited) Assert.Fail($"the run ended before Redis was killed: {await stderr}");
        redis.Kill();
        var clock = Stopwatch.StartNew();

        var finished = run.WaitForExit(TimeSpan.FromSeconds(90));
        if (!finished) run.Kill(entireProcessTree: true);
        Assert.True(finished, "the run was still going 90 s after Redis was killed");
        var took = clock.Elapsed;
        var err = (await stderr).Trim();
        _ = await stdout;

        Assert.Equal(1, run.ExitCode);
        Assert.True(took < TimeSpan.FromSeconds(60), $"took {took} to notice");
        var line = Assert.Single(err.Split('\n'), l => l.Contains("--cluster", StringComparison.Ordinal));
        Assert.Contains("Redis", line, StringComparison.Ordinal);
        Assert.Contains("no results written", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output), "results were written");
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}
