using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.World;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>The world's mechanics end to end, without Orleans.</summary>
public class WorldTests
{
    [Fact]
    public async Task Results_do_not_depend_on_how_replicates_are_split_among_grains()
    {
        using var temp = new TempFolder();
        var inputs = new[]
        {
            Worlds.At("2010-06", Address.Council("a"), new TrustGoLive(true)),
            Worlds.At("2011-06", Address.Council("a"), new ReturnInHouse()),
        };
        foreach (var shardSize in new[] { 25, 4, 1 })
        {
            var results = await Runs.DirectAsync(Worlds.Setup(inputs: inputs, replicates: 7, shardSize: shardSize));
            Runs.Write(results, temp.Combine(shardSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        Runs.AssertSameTables(temp.Combine("25"), temp.Combine("4"));
        Runs.AssertSameTables(temp.Combine("25"), temp.Combine("1"));
    }

    [Fact]
    public async Task A_trust_takes_over_the_service_and_hands_it_back_without_a_gap()
    {
        var inputs = new[]
        {
            Worlds.At("2010-06", Address.Council("a"), new TrustGoLive(true)),
            Worlds.At("2011-06", Address.Council("a"), new ReturnInHouse()),
        };
        var results = await Runs.DirectAsync(Worlds.Setup(inputs: inputs, replicates: 2));

        // Exactly one service report per replicate per month, whoever runs the service.
        Assert.Equal(results.Count, results.Metric(Metric.OpenCases).Count());
        Assert.Equal("2010-06", Assert.Single(results.Events("trust_go_live"), e => e.Replicate == 0).Month.ToString());
        Assert.Equal("2010-06", Assert.Single(results.Events("service_started"), e => e.Replicate == 0).Month.ToString());
        Assert.Equal("2011-06", Assert.Single(results.Events("service_returned"), e => e.Replicate == 0).Month.ToString());

        // The transfer disrupts: disruption jumps in the month the trust starts.
        var disruption = results.Metric(Metric.Disruption).ToDictionary(m => m.Month.ToString(), m => m.Value);
        Assert.True(disruption["2010-06"] > disruption["2010-05"] + 0.2);
    }

    [Fact]
    public async Task A_partner_supports_for_the_contracted_months()
    {
        var inputs = new[] { Worlds.At("2010-03", Address.Partner("p"), new PartnerEngaged("a", 12, 1.2, null, null, null)) };
        var results = await Runs.DirectAsync(Worlds.Setup(inputs: inputs, replicates: 1));
        Assert.Equal("2010-03", Assert.Single(results.Events("partner_started")).Month.ToString());
        Assert.Equal("2011-02", Assert.Single(results.Events("partner_ended")).Month.ToString());
        // The fee is spent while the partner works, and only then.
        var budget = results.Metric(Metric.Budget).ToDictionary(m => m.Month.ToString(), m => m.Value);
        Assert.Equal(0.1, budget["2010-03"] - budget["2010-02"], 6);
        Assert.Equal(-0.1, budget["2011-03"] - budget["2011-02"], 2);
    }

    [Fact]
    public async Task Judgements_emerge_from_the_state_of_the_service()
    {
        // Inspected in the first month, before the service has had time to drift from where it started.
        var months = new[] { "2010-01" };
        var failing = await Runs.DirectAsync(Worlds.Setup([Worlds.Council("a", 0.15, months)], replicates: 4));
        var strong = await Runs.DirectAsync(Worlds.Setup([Worlds.Council("a", 0.9, months) with { LeadershipQuality = 0.8, Culture = 0.8 }], replicates: 4));
        Assert.All(Enumerable.Range(0, 4), r => Assert.Equal(Grade.Inadequate, failing.Judgements(r)[0].Overall));
        Assert.All(Enumerable.Range(0, 4), r => Assert.True(strong.Judgements(r)[0].Overall >= Grade.Good));
    }

    [Fact]
    public async Task In_rules_mode_the_Department_answers_an_inadequate_judgement_with_a_notice()
    {
        var setup = Worlds.Setup([Worlds.Council("a", 0.1, "2010-01") with { LeadershipQuality = 0.1, Culture = 0.1 }], replicates: 2, mode: DepartmentMode.Rules);
        var results = await Runs.DirectAsync(setup);
        Assert.Equal(Grade.Inadequate, results.Judgements()[0].Overall);
        var notice = Assert.Single(results.Events("improvement_notice"), e => e.Replicate == 0);
        Assert.Equal("2010-02", notice.Month.ToString());
        Assert.Equal(1, results.Metric(Metric.InterventionLevel).Single(m => m.Month.ToString() == "2010-02").Value);
    }

    [Fact]
    public async Task In_scripted_mode_the_Department_only_acts_on_dated_decisions()
    {
        var setup = Worlds.Setup([Worlds.Council("a", 0.1, "2010-01") with { LeadershipQuality = 0.1, Culture = 0.1 }], replicates: 2, mode: DepartmentMode.Scripted,
            inputs: [Worlds.At("2012-02", Address.Department, new DirectiveScripted("a", Directive.StatutoryDirection, null))]);
        var results = await Runs.DirectAsync(setup);
        Assert.Empty(results.Events("improvement_notice"));
        Assert.Equal("2012-02", Assert.Single(results.Events("statutory_direction"), e => e.Replicate == 0).Month.ToString());
    }

    [Fact]
    public async Task Changing_a_mechanism_parameter_changes_the_trajectory()
    {
        var baseline = Worlds.Setup(replicates: 3);
        var harsher = baseline with { Parameters = baseline.Parameters with { Workforce = baseline.Parameters.Workforce with { BaseTurnover = 0.3 } } };
        var a = await Runs.DirectAsync(baseline);
        var b = await Runs.DirectAsync(harsher);
        Assert.NotEqual(a.Metric(Metric.Leavers).Sum(m => m.Value), b.Metric(Metric.Leavers).Sum(m => m.Value));
    }
}
