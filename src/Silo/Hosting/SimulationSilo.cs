using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Persistence;
using Orleans.Serialization;
using Simulation.Grains;

namespace Simulation.Silo.Hosting;

/// <summary>Silo configuration shared by the embedded host, cluster silos, clients and the tests' clusters.</summary>
public static class SimulationSilo
{
    /// <summary>Long enough for one phase of a national run; a stuck call still fails eventually.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Attempts to reach a gateway when a client connects, a second apart.</summary>
    public const int ConnectAttempts = 10;

    /// <summary>How long a cluster client waits for an answer before asking again.</summary>
    public static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Orleans' service id: every silo and client of the simulator shares it.</summary>
    public const string ServiceId = "simulation";

    /// <summary>Grain locations a silo caches: ten times the grains of a 1,000-replicate national run.</summary>
    public const int DirectoryCacheSize = 128_000;

    public static ISiloBuilder AddSimulation(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorageAsDefault();
        silo.Services.AddSerializer(s => s.AddSimulationSerialization());
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        silo.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        // The directory cache's table is allocated at its full size: Orleans' default (a million
        // entries) is 18 MB per silo. A national run of 1,000 replicates has about 13,000 grains.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
        return silo;
    }

    /// <summary>Checkpoints in memory: for the embedded silo and in-process test clusters, which take none.</summary>
    public static ISiloBuilder AddMemoryCheckpoints(this ISiloBuilder silo) => silo.AddMemoryGrainStorage(Checkpoints.Storage);

    public static IClientBuilder AddSimulation(this IClientBuilder client)
    {
        client.Services.AddSerializer(s => s.AddSimulationSerialization());
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        return client;
    }

    /// <summary>
    /// Starts a single silo in this process on free loopback ports, with localhost clustering and
    /// in-memory storage. Orleans' own logging is off unless <paramref name="verbose"/>.
    /// </summary>
    public static async Task<IHost> StartEmbeddedAsync(bool verbose, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Logging(builder.Logging, verbose);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: ServiceId, clusterId: "embedded-" + Environment.ProcessId);
            silo.AddSimulation();
            silo.AddMemoryCheckpoints();
        });
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }

    /// <summary>How a silo of a cluster listens and is reached.</summary>
    /// <param name="DashboardBind">The address the dashboard listens on: loopback unless the silo's command gives one.</param>
    public sealed record SiloEndpoints(IPAddress Advertised, int SiloPort, int GatewayPort, int? DashboardPort, IPAddress? DashboardBind = null);

    /// <summary>
    /// Builds (not starts) a silo that joins the cluster whose membership table is in Redis at
    /// <paramref name="address"/>, keeps run checkpoints there, and with a dashboard port serves the
    /// Orleans dashboard on it.
    /// </summary>
    public static IHost BuildClusterSilo(ClusterAddress address, string clusterId, SiloEndpoints endpoints, bool verbose)
    {
        void Configure(ISiloBuilder silo)
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = ServiceId;
                o.ClusterId = clusterId;
            });
            // Listens on the advertised address only, not on every address the machine has.
            silo.ConfigureEndpoints(endpoints.Advertised, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseRedisClustering(o => o.ConfigurationOptions = address.Redis());
            silo.AddRedisGrainStorage(Checkpoints.Storage, o =>
            {
                o.ConfigurationOptions = address.Redis();
                o.DeleteStateOnClear = true;
            });
            // A silo that stops answering is declared dead after about three seconds (two missed
            // one-second probes, one vote), so a run recovers quickly from a lost machine.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
            silo.AddSimulation();
            if (endpoints.DashboardPort is not null) silo.AddDashboard();
        }

        if (endpoints.DashboardPort is { } port)
        {
            var web = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            Logging(web.Logging, verbose);
            // The dashboard has no authentication: loopback unless an address is given for it.
            var bind = endpoints.DashboardBind ?? IPAddress.Loopback;
            web.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://{(bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{bind}]" : bind.ToString())}:{port}"));
            web.UseOrleans(Configure);
            var app = web.Build();
            app.MapOrleansDashboard();
            return app;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Logging(builder.Logging, verbose);
        builder.UseOrleans(Configure);
        return builder.Build();
    }

    /// <summary>Connects a client to the cluster whose membership table is in Redis at <paramref name="address"/>.</summary>
    public static async Task<IHost> StartClientAsync(ClusterAddress address, string clusterId, bool verbose, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Logging(builder.Logging, verbose);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = ServiceId;
                o.ClusterId = clusterId;
            });
            client.UseRedisClustering(o => o.ConfigurationOptions = address.Redis());
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            // Connecting: a few attempts a second apart (silos still starting), then a clear failure
            // instead of Orleans' minutes of retrying a membership table that lists only dead silos.
            var attempts = 0;
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (++attempts >= ConnectAttempts) return false;
                await Task.Delay(TimeSpan.FromSeconds(1), token);
                return true;
            });
            client.AddSimulation();
            // A call whose silo died is never answered: the driver learns of it by this timeout and
            // asks again (RunOptions.MaxTimeouts). Slow months just answer the repeated call.
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClientResponseTimeout);
        });
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }

    private static void Logging(ILoggingBuilder logging, bool verbose)
    {
        logging.ClearProviders();
        if (verbose)
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.SetMinimumLevel(LogLevel.Information);
        }
        else
        {
            logging.SetMinimumLevel(LogLevel.None);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
