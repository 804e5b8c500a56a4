using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Simulation.Silo.Hosting;

namespace Simulation.Tests.Support;

/// <summary>In-process Orleans clusters for tests that need model types to cross silo boundaries.</summary>
public static class Clusters
{
    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos (in-memory transport) whose activations
    /// are placed at random, so grains of one entity really sit on different silos.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(int silos = 2)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSimulation();
            silo.AddMemoryCheckpoints();
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        });
        builder.ConfigureClient(client => client.AddSimulation());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
