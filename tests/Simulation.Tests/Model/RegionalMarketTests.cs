using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Simulation.Model.Parameters;
using Simulation.Model.Service;
using Simulation.Model.World;
using Simulation.Model.World.Actors;
using Simulation.Scenarios;
using Simulation.Silo.Hosting;
using Simulation.Silo.Running;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>Regional labour markets: social workers move between the councils of a region.</summary>
public class RegionalMarketTests
{
    private static ServiceReport Service(string area, double caseload, double reputation, int inPost = 200, double establishment = 240) =>
        ServiceReports.With(0.5) with
        {
            Area = area,
            Caseload = caseload,
            Reputation = reputation,
            Workforce = new WorkforceState(establishment, inPost, 10, 5, 0, 0),
        };

    [Fact]
    public void Staff_leave_the_overloaded_poorly_regarded_council_for_its_neighbours_and_none_are_lost()
    {
        var p = ModelParameters.Default.Workforce with { RegionalMobility = 0.02 };
        IReadOnlyList<ServiceReport> region = [Service("a", 28, 0.1), Service("b", 16, 0.6), Service("c", 16, 0.6)];
        var (net, moved) = RegionActor.Exchange(region, p);
        Assert.True(net[0] < 0, $"the failing council should lose staff: {string.Join(", ", net)}");
        Assert.True(net[1] > 0 && net[2] > 0);
        Assert.Equal(0, net.Sum());
        Assert.True(moved > 0);
        // Identical neighbours are treated identically (ties do not favour one by accident of order beyond one person).
        Assert.InRange(Math.Abs(net[1] - net[2]), 0, 1);
    }

    [Fact]
    public void Nobody_moves_into_a_region_without_vacancies_or_when_mobility_is_zero()
    {
        var p = ModelParameters.Default.Workforce with { RegionalMobility = 0.02 };
        IReadOnlyList<ServiceReport> full = [Service("a", 28, 0.1, 240, 240), Service("b", 16, 0.6, 240, 240)];
        Assert.All(RegionActor.Exchange(full, p).Net, n => Assert.Equal(0, n));
        IReadOnlyList<ServiceReport> open = [Service("a", 28, 0.1), Service("b", 16, 0.6)];
        Assert.All(RegionActor.Exchange(open, p with { RegionalMobility = 0 }).Net, n => Assert.Equal(0, n));
    }

    private const string Region = """
        name: region
        start: 2012-01
        end: 2016-12
        seed: 11
        replicates: 30
        department: scripted
        councils:
          - {id: failing, region: r, practice_quality: 0.3, culture: 0.25, leadership_quality: 0.3, reputation: 0.15, social_workers: 110, establishment: 150, agency_workers: 30}
          - {id: steady, region: r, practice_quality: 0.7, culture: 0.65, leadership_quality: 0.65, reputation: 0.7}
          - {id: other, region: r, practice_quality: 0.7, culture: 0.65, leadership_quality: 0.65, reputation: 0.7}
          - {id: alone, region: s}
        """;

    private static WorldSetup Setup(string text = Region) => ScenarioLoader.Parse(text, "region.yaml").Setup;

    [Fact]
    public async Task One_councils_failure_moves_staff_to_its_neighbours_in_a_run()
    {
        var setup = Setup();
        Assert.Equal(["r"], setup.Regions());
        Assert.Null(setup.MarketOf("alone"));
        var results = await Runs.DirectAsync(setup);
        var transfers = results.SelectMany(r => r.Metrics).Where(m => m.Metric == Metric.NetTransfers).ToList();
        Assert.DoesNotContain(transfers, m => m.Entity == "alone");
        foreach (var g in transfers.GroupBy(m => (m.Replicate, m.Month))) Assert.Equal(0, g.Sum(m => m.Value));
        Assert.True(transfers.Where(m => m.Entity == "failing").Sum(m => m.Value) < 0, "the failing council should lose staff to its region");

        // Without the shared region the same world gives different histories: the market matters.
        var apart = await Runs.DirectAsync(Setup(Region.Replace("region: r", "region: x", StringComparison.Ordinal).Replace("{id: steady, region: x", "{id: steady, region: y", StringComparison.Ordinal)));
        var inPost = (List<MonthResult> rs) => rs[^1].Metrics.Where(m => m.Entity == "steady" && m.Metric == Metric.SocialWorkers).Sum(m => m.Value);
        Assert.NotEqual(inPost(results), inPost(apart));
    }

    [Fact]
    public async Task A_two_silo_cluster_resolves_the_exchange_exactly_as_the_direct_run()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSimulation();
            silo.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
        });
        builder.ConfigureClient(client => client.AddSimulation());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var setup = Setup() with { Replicates = 60 };
            using var temp = new TempFolder();
            Directory.CreateDirectory(temp.Combine("cluster"));
            using (var writer = new Simulation.Silo.Output.ResultWriter(temp.Combine("cluster")))
            {
                await RunDriver.RunAsync(cluster.Client, setup, writer);
            }
            Runs.Write(await Runs.DirectAsync(setup), temp.Combine("direct"));
            Runs.AssertSameTables(temp.Combine("direct"), temp.Combine("cluster"));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
