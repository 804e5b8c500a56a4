using Simulation.Silo.Hosting;
using Simulation.Tests.Cli;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cluster;

/// <summary>
/// A cluster whose Redis requires a password admits only clients that give it, and no message
/// shows it (issue 20, item 8, for Redis).
/// </summary>
public sealed class RedisPasswordTests
{
    private const string Password = "s3cret-7b1e";

    [Fact]
    public void Addresses_carry_a_password_and_tls_but_never_show_the_password()
    {
        Assert.True(ClusterAddress.TryParse($"rediss://:{Password}@redis.example.org:6380", out var address, out _));
        Assert.Equal((Password, true, 6380), (address!.Password, address.Tls, address.Port));
        Assert.Equal("rediss://redis.example.org:6380", address.ToString());
        Assert.False(ClusterAddress.TryParse($"redis://:{Password}@h:1/0", out _, out var error));
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
        Assert.False(ClusterAddress.TryParse($"redis://user:{Password}@h:1", out _, out error));
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_the_password_is_refused_and_one_with_it_runs()
    {
        using var redis = new RedisServer(Password);
        var clusterId = $"pw-{Guid.NewGuid():N}";
        var withPassword = $"redis://:{Password}@127.0.0.1:{redis.Port}";
        using var silo = await SiloProcess.StartAsync(withPassword, clusterId);
        Assert.DoesNotContain(Password, silo.Log, StringComparison.Ordinal);

        using var temp = new TempFolder();
        var scenario = Repository.Scenario("two-councils.yaml");
        var (exit, _, err) = CommandLineTests.Run("run", scenario, "-n", "2", "--out", temp.Combine("refused"), "--cluster", redis.Address, "--cluster-id", clusterId);
        Assert.Equal(1, exit);
        Assert.Equal($"--cluster: Redis at {redis.Address} requires a password; give it as redis://:PASSWORD@HOST:PORT or in {ClusterAddress.PasswordVariable}", err.Trim());
        Assert.False(Directory.Exists(temp.Combine("refused")));

        var (wrongExit, _, wrongErr) = CommandLineTests.Run("run", scenario, "-n", "2", "--out", temp.Combine("wrong"), "--cluster", $"redis://:not-it@127.0.0.1:{redis.Port}", "--cluster-id", clusterId);
        Assert.Equal(1, wrongExit);
        Assert.Contains("refused the password given", wrongErr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-it", wrongErr, StringComparison.Ordinal);

        var (okExit, okOut, okErr) = CommandLineTests.Run("run", scenario, "-n", "2", "--out", temp.Combine("admitted"), "--cluster", withPassword, "--cluster-id", clusterId);
        Assert.True(okExit == 0, okErr);
        Assert.DoesNotContain(Password, okOut + okErr, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("admitted", "inspections.csv")));
        Assert.DoesNotContain(Password, File.ReadAllText(temp.Combine("admitted", "manifest.json")), StringComparison.Ordinal);
    }
}
