using Orleans.TestingHost;
using Simulation.Model.Engine;
using Simulation.Model.Parameters;
using Simulation.Model.Service;
using Simulation.Model.World;
using Simulation.Model.World.Actors;
using Simulation.Scenarios;
using Simulation.Silo.Running;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>Regional labour markets: social workers move between the councils of a region.</summary>
public class RegionalMarketTests
{
    private static ServiceReport Service(string area, double caseload, double reputation, int inPost = 200, double establishment = 240,
        int agency = 10, double premium = 0) =>
        ServiceReports.With(0.5) with
        {
            Area = area,
            Caseload = caseload,
            Reputation = reputation,
            Workforce = new WorkforceState(establishment, inPost, agency, 5, 0, 0, premium),
        };

    [Fact]
    public void Staff_leave_the_overloaded_poorly_regarded_council_for_its_neighbours_and_none_are_lost()
    {
        var p = ModelParameters.Default.Workforce with { RegionalMobility = 0.02 };
        IReadOnlyList<ServiceReport> region = [Service("a", 28, 0.1), Service("b", 16, 0.6), Service("c", 16, 0.6)];
        var moves = RegionActor.Exchange(region, p);
        var (net, moved) = (moves.NetInPost, moves.Moved);
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
        Assert.All(RegionActor.Exchange(full, p).NetInPost, n => Assert.Equal(0, n));
        IReadOnlyList<ServiceReport> open = [Service("a", 28, 0.1), Service("b", 16, 0.6)];
        Assert.All(RegionActor.Exchange(open, p with { RegionalMobility = 0 }).NetInPost, n => Assert.Equal(0, n));
    }

    [Fact]
    public void A_market_supplement_draws_social_workers_and_agency_staff_from_otherwise_equal_neighbours()
    {
        // Three identical councils, each short of agency cover, and all with vacancies; one pays 10%.
        var p = ModelParameters.Default.Workforce with { RegionalMobility = 0.02, AgencyMobility = 0.1 };
        ServiceReport Council(string id, double premium) => Service(id, 17, 0.5, inPost: 1000, establishment: 1200, agency: 100, premium: premium) with
        {
            Cases = new CaseStocks(15000, 3000, 2000),
        };
        var paying = RegionActor.Exchange([Council("a", 0.1), Council("b", 0), Council("c", 0)], p);
        Assert.True(paying.NetInPost[0] > 0 && paying.NetInPost[1] < 0 && paying.NetInPost[2] < 0, string.Join(", ", paying.NetInPost));
        Assert.True(paying.NetAgency[0] > 0 && paying.NetAgency[1] < 0 && paying.NetAgency[2] < 0, string.Join(", ", paying.NetAgency));
        Assert.Equal(0, paying.NetInPost.Sum());
        Assert.Equal(0, paying.NetAgency.Sum());
        Assert.True(paying.AgencyMoved >= paying.NetAgency[0]);

        // Without the supplement nobody gains at a neighbour's expense beyond rounding, and
        // without the pay weight the supplement draws nobody.
        var equal = RegionActor.Exchange([Council("a", 0), Council("b", 0), Council("c", 0)], p);
        Assert.All(equal.NetAgency, n => Assert.InRange(n, -1, 1));
        var deaf = RegionActor.Exchange([Council("a", 0.1), Council("b", 0), Council("c", 0)], p with { MobilityPayWeight = 0 });
        Assert.Equal(equal.NetAgency, deaf.NetAgency);
        Assert.Equal(equal.NetInPost, deaf.NetInPost);
    }

    [Fact]
    public void Agency_staff_go_only_where_agency_cover_is_short_of_target()
    {
        var p = ModelParameters.Default.Workforce with { AgencyMobility = 0.2 };
        // a: fully covered (its target is below its agency staff); b: short of cover.
        var covered = Service("a", 10, 0.5, inPost: 240, establishment: 240, agency: 40) with { Cases = new CaseStocks(2000, 300, 300) };
        var short_ = Service("b", 25, 0.5, inPost: 150, establishment: 240, agency: 10) with { Cases = new CaseStocks(3000, 600, 500) };
        var moves = RegionActor.Exchange([covered, short_], p);
        Assert.True(moves.NetAgency[0] < 0 && moves.NetAgency[1] > 0, string.Join(", ", moves.NetAgency));
        var target = WorkforceStep.AgencyTarget(240, 150, 4100, p);
        Assert.True(moves.NetAgency[1] <= Math.Floor(target - 10));
        // The region's vacancy rate is the mean of its councils'.
        Assert.Equal((covered.Workforce.VacancyRate + short_.Workforce.VacancyRate) / 2, moves.MeanVacancyRate, 12);
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

        // Agency staff move too, and none are lost or made in the exchange.
        var agency = results.SelectMany(r => r.Metrics).Where(m => m.Metric == Metric.NetAgencyTransfers).ToList();
        Assert.Contains(agency, m => m.Value != 0);
        foreach (var g in agency.GroupBy(m => (m.Replicate, m.Month))) Assert.Equal(0, g.Sum(m => m.Value));

        // The failing council, short of staff against its region, pays a market supplement; the
        // council alone in its region has no neighbour to outbid and pays none.
        double Premium(string council) => results.SelectMany(r => r.Metrics)
            .Where(m => m.Entity == council && m.Metric == Metric.PayPremium).Average(m => m.Value);
        Assert.Equal(0, Premium("alone"));
        Assert.True(Premium("failing") > 0.02, $"failing council's mean supplement {Premium("failing"):0.000}");
        Assert.True(Premium("failing") > 2 * Premium("steady"), $"failing {Premium("failing"):0.000}, steady {Premium("steady"):0.000}");
    }

    [Fact]
    public async Task A_two_silo_cluster_resolves_the_exchange_exactly_as_the_direct_run()
    {
        var cluster = await Clusters.StartAsync(2);
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
