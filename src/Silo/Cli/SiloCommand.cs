using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Simulation.Silo.Hosting;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>silo --cluster redis://HOST:PORT</c>: runs one silo of a cluster in this process until it is
/// stopped (Ctrl-C or SIGTERM). Silos find each other through the membership table in Redis and
/// keep run checkpoints there; <c>run --cluster</c> sends a run to them.
/// </summary>
public static class SiloCommand
{
    public const string DefaultClusterId = "simulation";

    /// <summary>The line a silo prints once it has joined the cluster (scripts and tests wait for it).</summary>
    public const string ReadyPrefix = "silo ready:";

    public static bool IsClusterId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static Command Create()
    {
        var cluster = new Option<string>("--cluster")
        {
            Description = $"The Redis server that holds the cluster's membership and the runs' checkpoints, e.g. {ClusterAddress.Example}.",
            Required = true,
        };
        var clusterId = new Option<string>("--cluster-id")
        {
            Description = "The cluster's id: silos with the same id and Redis form one cluster.",
            DefaultValueFactory = _ => DefaultClusterId,
        };
        var advertise = new Option<string>("--advertise")
        {
            Description = "The IP address other silos and clients reach this silo at. The default, 127.0.0.1, is for silos on one "
                + "machine; on several machines give this machine's address.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var port = new Option<int>("--port")
        {
            Description = "Port for silo-to-silo traffic; 0 (default) picks a free one.",
        };
        var gatewayPort = new Option<int>("--gateway-port")
        {
            Description = "Port clients connect to; 0 (default) picks a free one.",
        };
        var dashboard = new Option<bool>("--dashboard")
        {
            Description = "Serve the Orleans dashboard (silos, grains, calls) over HTTP on --dashboard-port.",
        };
        var dashboardPort = new Option<int>("--dashboard-port")
        {
            Description = "Port of the dashboard.",
            DefaultValueFactory = _ => 8080,
        };
        var dashboardBind = new Option<string?>("--dashboard-bind")
        {
            Description = "Address the dashboard listens on; by default 127.0.0.1 only, since it has no authentication (reach it through an SSH tunnel).",
        };
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Show the Orleans silo's log on standard error.",
        };
        var command = new Command("silo", "Run one silo of a cluster until stopped (Ctrl-C or SIGTERM). Silos started with the same "
            + "--cluster and --cluster-id form one cluster; 'run SCENARIO --cluster ...' runs a scenario on it. scripts/cluster.sh starts "
            + "a local Redis and several silos.")
        {
            cluster, clusterId, advertise, port, gatewayPort, dashboard, dashboardPort, dashboardBind, verbose,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(cluster)!, parse.GetValue(clusterId) ?? DefaultClusterId, parse.GetValue(advertise) ?? "127.0.0.1",
            parse.GetValue(port), parse.GetValue(gatewayPort), parse.GetValue(dashboard) ? parse.GetValue(dashboardPort) : null,
            parse.GetValue(verbose), cancellation, parse.GetValue(dashboardBind)));
        return command;
    }

    public static async Task<int> RunAsync(
        string clusterText, string clusterId, string advertiseText, int port, int gatewayPort, int? dashboardPort, bool verbose,
        CancellationToken cancellation, string? dashboardBindText = null)
    {
        IPAddress? dashboardBind = null;
        if (dashboardBindText is not null && !IPAddress.TryParse(dashboardBindText, out dashboardBind))
            return Fail($"--dashboard-bind: '{dashboardBindText}' is not an IP address");
        if (!ClusterAddress.TryParse(clusterText, out var address, out var error)) return Fail($"--cluster: {error}");
        if (!IsClusterId(clusterId)) return Fail($"--cluster-id: '{clusterId}' is not an id; expected letters, digits, '-' or '_'");
        if (!IPAddress.TryParse(advertiseText, out var advertised)) return Fail($"--advertise: '{advertiseText}' is not an IP address");
        foreach (var (name, value) in new[] { ("--port", port), ("--gateway-port", gatewayPort), ("--dashboard-port", dashboardPort ?? 1) })
        {
            if (value is < 0 or > 65535) return Fail($"{name}: {value} is not a port; expected 0 to 65535");
        }

        if (await address!.ProblemAsync() is { } unreachable)
        {
            Console.Error.WriteLine($"--cluster: {unreachable}");
            return ExitCodes.RunFailed;
        }

        var endpoints = new SimulationSilo.SiloEndpoints(
            advertised, port == 0 ? SimulationSilo.FreePort() : port, gatewayPort == 0 ? SimulationSilo.FreePort() : gatewayPort, dashboardPort, dashboardBind);
        IHost host;
        try
        {
            host = SimulationSilo.BuildClusterSilo(address!, clusterId, endpoints, verbose);
            await host.StartAsync(cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"silo: could not join the cluster at {address} (is Redis running there?): {e.GetType().Name}: {e.Message}");
            return ExitCodes.RunFailed;
        }

        using (host)
        {
            var web = dashboardPort is { } d
                ? string.Create(CultureInfo.InvariantCulture, $", dashboard http://{dashboardBind ?? IPAddress.Loopback}:{d}/")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ReadyPrefix} cluster {address} id {clusterId}, silo {endpoints.Advertised}:{endpoints.SiloPort}, gateway {endpoints.GatewayPort}{web}"));
            // Until Ctrl-C or SIGTERM (either through the command line's token or the host's lifetime).
            var stopping = new TaskCompletionSource();
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            using (lifetime.ApplicationStopping.Register(() => stopping.TrySetResult()))
            using (cancellation.Register(() => stopping.TrySetResult()))
            {
                await stopping.Task;
            }
            try
            {
                await host.StopAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"silo: stopped uncleanly: {e.GetType().Name}: {e.Message}");
            }
        }
        return ExitCodes.Success;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadInput;
    }
}
