using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Simulation.Grains.Hosting;

namespace Simulation.Silo.Hosting;

/// <summary>Silo configuration shared by the embedded host and the tests' clusters.</summary>
public static class SimulationSilo
{
    /// <summary>Long enough for one phase of a national run; a stuck call still fails eventually.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(10);

    public static ISiloBuilder AddSimulation(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorageAsDefault();
        silo.Services.AddSerializer(s => s.AddSimulationSerialization());
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        silo.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        return silo;
    }

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
        builder.Logging.ClearProviders();
        if (verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Information);
        }
        else
        {
            builder.Logging.SetMinimumLevel(LogLevel.None);
        }
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort(), serviceId: "simulation", clusterId: "embedded-" + Environment.ProcessId);
            silo.AddSimulation();
        });
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
