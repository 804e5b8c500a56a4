using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Governance;

/// <summary>A trust or company that serves several councils, each with its own service.</summary>
public sealed class SharedTrustTests
{
    private static readonly TrustSetup Shared = new("shared", "Shared Trust", Month.Parse("2010-01"));

    private static WorldSetup World(params ScheduledInput[] inputs) => Worlds.Setup(
        councils: [Worlds.Council("a"), Worlds.Council("b"), Worlds.Council("c")],
        inputs: inputs, replicates: 3, end: "2012-12") with { Trusts = [Shared] };

    [Fact]
    public async Task Three_councils_share_one_trust_each_keeping_its_own_service()
    {
        var setup = World(
            Worlds.At("2010-06", Address.Council("a"), new TrustGoLive(true, Trust: Shared.Address, CouncilOwned: true), "a-live"),
            Worlds.At("2010-06", Address.Council("b"), new TrustGoLive(true, Trust: Shared.Address, CouncilOwned: true), "b-live"),
            Worlds.At("2011-06", Address.Council("c"), new TrustGoLive(false, Trust: Shared.Address), "c-joins"),
            Worlds.At("2012-03", Address.Council("c"), new ReturnInHouse(), "c-back"));
        var results = await Runs.DirectAsync(setup);

        var rows = results.SelectMany(r => r.Arrangements).Where(a => a.Replicate == 0)
            .Select(a => $"{a.Month} {a.Council} {Simulation.Model.Governance.Arrangements.Name(a.Arrangement)} {a.Provider}").ToList();
        Assert.Equal(
        [
            "2010-01 a in_house a", "2010-01 b in_house b", "2010-01 c in_house c",
            "2010-06 a council_owned_trust shared", "2010-06 b council_owned_trust shared",
            "2011-06 c independent_trust shared",
            "2012-03 c returned_in_house c",
        ], rows);

        // One trust actor runs all three services: it records their start, and each service goes on
        // reporting every month under its own area.
        Assert.Equal(["a", "b", "c"], results.Events("service_started").Where(e => e.Replicate == 0).Select(e => e.Council));
        Assert.All(results.Events("service_started"), e => Assert.Equal("shared", e.Entity));
        Assert.Equal(["c"], results.Events("service_returned").Where(e => e.Replicate == 0).Select(e => e.Council));
        foreach (var area in new[] { "a", "b", "c" })
        {
            Assert.Equal(setup.Months, results.SelectMany(r => r.Metrics).Count(m => m.Replicate == 0 && m.Entity == area && m.Metric == Metric.SocialWorkers));
        }
        // a and b handed their services over in 2010-06, so only the trust can have reported them
        // since; the rows above show it still runs them after c leaves.
    }

    [Fact]
    public void A_council_joining_a_running_trust_takes_its_leadership_and_moves_towards_its_culture()
    {
        var p = ModelParameters.Default; // clean_break_culture 0.5
        var s = ServiceFactory.Initial(new CouncilSetup { Id = "c", Culture = 0.3, LeadershipQuality = 0.4 }, Month.Parse("2011-06"));
        var rng = new CounterRandom().Reset(1);
        var joined = ServiceChanges.StartUnderTrust(s, true, 0, 0, p, rng, joining: (0.62, 0.7));
        Assert.Equal(0.62, joined.Leadership.Quality);
        // 0.3 + (0.7 - 0.3) x 0.5 = 0.5
        Assert.Equal(0.5, joined.Practice.Culture, 12);
        var founding = ServiceChanges.StartUnderTrust(s, true, 0, 0, p, new CounterRandom().Reset(1));
        Assert.Equal(0.4, founding.Leadership.Quality);
        // Towards clean_break_culture_level (0.6): 0.3 + 0.3 x 0.5 = 0.45
        Assert.Equal(0.45, founding.Practice.Culture, 12);
    }

    private const string Scenario = """
        name: shared
        start: 2010-01
        end: 2016-12
        seed: 1
        replicates: 1
        department: scripted
        trusts:
          - {id: company, name: Company, from: 2012-04}
        councils: [{id: a}, {id: b}]
        events:

        """;

    private static IReadOnlyList<ScenarioError> Errors(string events)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Scenario + events, "test.yaml"));
        return e.Errors;
    }

    [Fact]
    public void A_council_cannot_be_in_two_trusts_at_once()
    {
        var e = Assert.Single(Errors("""
              - {id: one, month: 2012-04, type: trust_go_live, council: a, trust: company}
              - {id: two, month: 2013-01, type: trust_go_live, council: a}
            """));
        Assert.Equal(12, e.Line);
        Assert.Contains("already in trust 'company'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_council_cannot_join_a_trust_before_it_exists()
    {
        var e = Assert.Single(Errors("""
              - {id: early, month: 2011-01, type: trust_go_live, council: b, trust: company}
            """));
        Assert.Equal(11, e.Line);
        Assert.Contains("trust 'company' does not exist yet; it exists from 2012-04", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_council_cannot_leave_a_trust_it_never_joined()
    {
        var e = Assert.Single(Errors("""
              - {id: own, month: 2012-06, type: trust_go_live, council: a}
              - {id: leave, month: 2014-01, type: return_in_house, council: a, trust: company}
            """));
        Assert.Equal(12, e.Line);
        Assert.Contains("never joined trust 'company'; it is in 'a-trust'", e.Message, StringComparison.Ordinal);
        var never = Assert.Single(Errors("""
              - {id: leave, month: 2014-01, type: return_in_house, council: b, trust: company}
            """));
        Assert.Contains("never joined trust 'company'", never.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_loader_checks_a_month_s_changes_in_the_order_the_council_makes_them()
    {
        // Ownership is taken in the inbox, before the same month's go-live: refused, as in the run.
        var owned = Assert.Single(Errors("""
              - {id: live, month: 2013-01, type: trust_go_live, council: a}
              - {id: own, month: 2013-01, type: council_ownership, council: a}
            """));
        Assert.Equal(12, owned.Line);
        // A return and a go-live in one month: the service is still on its way back.
        var again = Assert.Single(Errors("""
              - {id: live, month: 2013-01, type: trust_go_live, council: a}
              - {id: back, month: 2014-01, type: return_in_house, council: a}
              - {id: again, month: 2014-01, type: trust_go_live, council: a}
            """));
        Assert.Equal(13, again.Line);
        // An order and a go-live in one month are both legal, whatever their order in the file.
        ScenarioLoader.Parse(Scenario + """
              - {id: live, month: 2013-01, type: trust_go_live, council: a}
              - {id: order, month: 2013-01, type: trust_order, council: a}
            """, "test.yaml");
    }

    [Fact]
    public void A_trust_order_s_own_go_live_and_a_company_s_ownership_count()
    {
        // The order's go-live puts the service in a trust, so ownership and a return are legal ...
        ScenarioLoader.Parse(Scenario + """
              - {id: order, month: 2012-01, type: trust_order, council: a, go_live: 2013-01}
              - {id: own, month: 2014-01, type: council_ownership, council: a}
              - {id: back, month: 2015-01, type: return_in_house, council: a}
            """, "test.yaml");
        // ... and a go-live into another trust before a return is not.
        var two = Assert.Single(Errors("""
              - {id: order, month: 2012-01, type: trust_order, council: a, go_live: 2012-06}
              - {id: join, month: 2013-01, type: trust_go_live, council: a, trust: company}
            """));
        Assert.Contains("already in trust 'a-trust'", two.Message, StringComparison.Ordinal);
        // A company owned from the start is already the council's.
        var owned = Assert.Single(Errors("""
              - {id: join, month: 2013-01, type: trust_go_live, council: a, trust: company, council_owned: true}
              - {id: own, month: 2014-01, type: council_ownership, council: a}
            """));
        Assert.Contains("the council already owns the trust", owned.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trusts_are_declared_once_with_ids_of_their_own()
    {
        var unknown = Assert.Single(Errors("""
              - {id: one, month: 2013-01, type: trust_go_live, council: a, trust: compnay}
            """));
        Assert.Contains("no trust 'compnay' is defined under trusts", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("company", unknown.Message, StringComparison.Ordinal);
        var clash = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            Scenario.Replace("{id: company, name: Company, from: 2012-04}", "{id: a-trust, from: 2012-04}", StringComparison.Ordinal), "test.yaml"));
        Assert.Contains(clash.Errors, x => x.Message.Contains("a council's own trust", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_Achieving_for_Children_scenario_shares_one_company()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("achieving-for-children.yaml"));
        var company = Assert.Single(s.Setup.Trusts);
        Assert.Equal(("achieving-for-children", Month.Parse("2014-04")), (company.Id, company.From));
        Assert.Equal(["kingston-upon-thames", "richmond-upon-thames", "windsor-maidenhead"],
            s.Events.Where(e => e.Type == "trust_go_live" && e.Trust == company.Id).Select(e => e.Council));
        Assert.Equal("2017-08", s.Events.Single(e => e.Council == "windsor-maidenhead").Month.ToString());
    }
}
