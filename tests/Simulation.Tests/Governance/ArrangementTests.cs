using Simulation.Model.Governance;
using Simulation.Scenarios;

namespace Simulation.Tests.Governance;

/// <summary>The arrangement state machine: every legal transition, every illegal one, and the loader's use of it.</summary>
public sealed class ArrangementTests
{
    private static readonly (Arrangement From, ArrangementChange Change, Arrangement To)[] Legal =
    [
        (Arrangement.InHouse, ArrangementChange.TrustOrder, Arrangement.TrustOrdered),
        (Arrangement.ReturnedInHouse, ArrangementChange.TrustOrder, Arrangement.TrustOrdered),
        (Arrangement.TrustOrdered, ArrangementChange.TrustOrder, Arrangement.TrustOrdered),
        (Arrangement.InHouse, ArrangementChange.TrustGoLive, Arrangement.IndependentTrust),
        (Arrangement.TrustOrdered, ArrangementChange.TrustGoLive, Arrangement.IndependentTrust),
        (Arrangement.ReturnedInHouse, ArrangementChange.TrustGoLive, Arrangement.IndependentTrust),
        (Arrangement.IndependentTrust, ArrangementChange.CouncilOwnership, Arrangement.CouncilOwnedTrust),
        (Arrangement.IndependentTrust, ArrangementChange.ReturnInHouse, Arrangement.ReturnedInHouse),
        (Arrangement.CouncilOwnedTrust, ArrangementChange.ReturnInHouse, Arrangement.ReturnedInHouse),
    ];

    [Fact]
    public void Every_legal_transition_leads_where_the_guidance_says()
    {
        foreach (var (from, change, to) in Legal)
        {
            var t = Arrangements.Apply(from, change);
            Assert.True(t.Legal, $"{from} --{change}--> refused: {t.Refusal}");
            Assert.Equal(to, t.To);
        }
    }

    [Fact]
    public void Every_other_transition_is_refused_with_a_reason_and_leaves_the_arrangement()
    {
        var illegal = 0;
        foreach (var from in Arrangements.All)
        {
            foreach (var change in Arrangements.Changes)
            {
                if (Legal.Any(l => l.From == from && l.Change == change)) continue;
                illegal++;
                var t = Arrangements.Apply(from, change);
                Assert.False(t.Legal, $"{from} --{change}--> should be refused");
                Assert.Equal(from, t.To);
                Assert.False(string.IsNullOrWhiteSpace(t.Refusal));
            }
        }
        // 5 arrangements x 4 changes, 9 of them legal.
        Assert.Equal(11, illegal);
    }

    [Fact]
    public void Who_provides_the_service_follows_the_arrangement()
    {
        Assert.Equal(
            [Arrangement.IndependentTrust, Arrangement.CouncilOwnedTrust],
            Arrangements.All.Where(a => a.RunByTrust()));
        Assert.Equal([Arrangement.IndependentTrust], Arrangements.All.Where(a => a.Independent()));
    }

    [Fact]
    public void Names_are_snake_case_and_read_back()
    {
        foreach (var a in Arrangements.All)
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", Arrangements.Name(a));
            Assert.Equal(a, Arrangements.Parse(Arrangements.Name(a)));
        }
        Assert.Null(Arrangements.Parse("in-house"));
    }

    [Theory]
    [InlineData("trust_go_live", "trust_go_live", 10, "a trust already runs the service")]
    [InlineData("council_ownership", "council_ownership", 10, "the council already owns the trust")]
    [InlineData("return_in_house", "return_in_house", 10, "the council already runs the service")]
    [InlineData("trust_go_live", "trust_order", 10, "a trust already runs the service")]
    public void A_scripted_history_that_leaves_the_machine_gets_a_located_error(string first, string second, int line, string reason)
    {
        // The first change is made legal by a go-live before it (or is the go-live itself).
        var before = first == "trust_go_live" ? "" : "  - {id: live, month: 2010-06, type: trust_go_live, council: a}\n";
        var text = $"""
            name: tiny
            start: 2010-01
            end: 2012-12
            seed: 1
            replicates: 1
            department: scripted
            councils: [{"{"}id: a{"}"}]
            events:
            {before}  - {"{"}id: one, month: 2011-01, type: {first}, council: a{"}"}
              - {"{"}id: two, month: 2011-06, type: {second}, council: a{"}"}
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "test.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(line + (before.Length > 0 ? 1 : 0), error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{second} on 2011-06 for a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_legal_scripted_history_loads()
    {
        var s = ScenarioLoader.Parse("""
            name: tiny
            start: 2010-01
            end: 2016-12
            seed: 1
            replicates: 1
            department: scripted
            councils: [{id: a}]
            events:
              - {id: order, month: 2010-03, type: trust_order, council: a}
              - {id: live, month: 2010-06, type: trust_go_live, council: a}
              - {id: own, month: 2012-01, type: council_ownership, council: a}
              - {id: back, month: 2014-01, type: return_in_house, council: a}
              - {id: again, month: 2015-01, type: trust_go_live, council: a}
            """, "test.yaml");
        Assert.Equal(5, s.Events.Length);
    }
}
