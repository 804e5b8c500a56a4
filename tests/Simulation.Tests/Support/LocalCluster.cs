using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using Simulation.Silo.Cli;

namespace Simulation.Tests.Support;

/// <summary>
/// A Redis server for the cluster tests, started by the tests themselves on a free loopback port,
/// in memory only. Debian's redis-server is installed by scripts/install-redis.sh when missing.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    /// <param name="password">A password Redis requires of every connection, or null for none.</param>
    public RedisServer(string? password = null)
    {
        var path = Executable();
        Port = Simulation.Silo.Hosting.SimulationSilo.FreePort();
        var info = new ProcessStartInfo(path)
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(password);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                break;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20) && !_process.HasExited)
            {
                Thread.Sleep(50);
            }
        }
        Redis = ConnectionMultiplexer.Connect($"127.0.0.1:{Port},allowAdmin=true{(password is null ? "" : $",password={password}")}");
    }

    public int Port { get; }

    /// <summary>Kills the server outright, as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    public string Address => $"redis://127.0.0.1:{Port}";

    public ConnectionMultiplexer Redis { get; }

    /// <summary>Every key in the server.</summary>
    public List<string> Keys() => [.. Redis.GetServer("127.0.0.1", Port).Keys(pattern: "*").Select(k => k.ToString())];

    private static string Executable()
    {
        foreach (var candidate in new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" })
        {
            if (File.Exists(candidate)) return candidate;
        }
        var install = Process.Start(new ProcessStartInfo("bash", Repository.File("scripts", "install-redis.sh")) { UseShellExecute = false })!;
        install.WaitForExit();
        Assert.True(File.Exists("/usr/bin/redis-server"), "the cluster tests need Redis: run scripts/install-redis.sh");
        return "/usr/bin/redis-server";
    }

    public void Dispose()
    {
        Redis.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

/// <summary>One silo of a test cluster: the product's own <c>silo</c> command in a process of its own.</summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _log = [];

    private SiloProcess(string redis, string clusterId, string[] extra)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "simulation.dll"), "silo", "--cluster", redis, "--cluster-id", clusterId },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in extra) info.ArgumentList.Add(arg);
        _process = Process.Start(info) ?? throw new InvalidOperationException("the silo process did not start");
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException("the silo exited: " + Log));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Log
    {
        get
        {
            lock (_log) return string.Join('\n', _log);
        }
    }

    /// <summary>Starts a silo and waits until it has joined the cluster.</summary>
    public static async Task<SiloProcess> StartAsync(string redis, string clusterId, params string[] extra)
    {
        var silo = new SiloProcess(redis, clusterId, extra);
        var ready = await Task.WhenAny(silo._ready.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (ready != silo._ready.Task)
        {
            silo.Dispose();
            throw new TimeoutException("the silo did not join within 90 s: " + silo.Log);
        }
        silo.ReadyLine = await silo._ready.Task;
        return silo;
    }

    public static async Task<List<SiloProcess>> StartManyAsync(string redis, string clusterId, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => StartAsync(redis, clusterId)))];

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster or hand anything over.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public bool Running => !_process.HasExited;

    /// <summary>What the silo printed when it joined: its ports and, with --dashboard, the dashboard's address.</summary>
    public string ReadyLine { get; private set; } = "";

    private void Line(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
        if (line.StartsWith(SiloCommand.ReadyPrefix, StringComparison.Ordinal)) _ready.TrySetResult(line);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}

/// <summary>The silos of one test cluster, all stopped when the test ends however it ends.</summary>
public sealed class SiloGroup : IDisposable
{
    private readonly List<SiloProcess> _silos;
    private readonly List<Task<SiloProcess>> _joining = [];

    private SiloGroup(List<SiloProcess> silos) => _silos = silos;

    public static async Task<SiloGroup> StartAsync(string redis, string clusterId, int count) =>
        new(await SiloProcess.StartManyAsync(redis, clusterId, count));

    public SiloProcess this[int index] => _silos[index];

    /// <summary>Starts another silo without waiting for it; <see cref="JoinedAsync"/> waits.</summary>
    public void Join(string redis, string clusterId) => _joining.Add(SiloProcess.StartAsync(redis, clusterId));

    public async Task<int> JoinedAsync()
    {
        foreach (var joining in _joining) _silos.Add(await joining);
        _joining.Clear();
        return _silos.Count;
    }

    public void Dispose()
    {
        foreach (var joining in _joining)
        {
            try
            {
                _silos.Add(joining.GetAwaiter().GetResult());
            }
            catch (Exception)
            {
                // It never started; nothing to stop.
            }
        }
        foreach (var silo in _silos) silo.Dispose();
    }
}
