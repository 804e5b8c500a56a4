using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.World;
using Simulation.Silo.Calibration;
using Simulation.Silo.Statistics;

namespace Simulation.Tests.Patterns;

/// <summary>
/// The patterns of Doncaster's documented history (issue "The model"), each over 200 seeded
/// replicates. The figures measured are in each assertion's message.
/// </summary>
[Collection(DoncasterRuns.Name)]
public sealed class DoncasterPatternTests(DoncasterRunsFixture runs)
{
    private void AssertMet(string id)
    {
        var r = runs.Sampled[id];
        Assert.True(r.Met, $"{r.Description}: {r.Value:0.000} against a target of {r.Band} ({DoncasterRunsFixture.Replicates} replicates)");
    }

    [Fact]
    public void October_2012_is_inadequate_in_at_least_80_percent_of_replicates() => AssertMet("inadequate_2012_10");

    [Fact]
    public void Autumn_2015_is_inadequate_with_help_and_protection_inadequate_in_at_least_80_percent() => AssertMet("inadequate_2015_10");

    [Fact]
    public void November_2017_is_good_in_at_least_80_percent_of_replicates() => AssertMet("good_2017_11");

    [Fact]
    public void February_2022_is_requires_improvement_with_leadership_inadequate_in_at_least_80_percent() => AssertMet("ri_2022_02");

    [Fact]
    public void Median_agency_share_is_20_to_35_percent_when_inadequate() => AssertMet("agency_when_inadequate");

    [Fact]
    public void Median_agency_share_is_8_to_20_percent_when_good() => AssertMet("agency_when_good");

    [Fact]
    public void Early_2013_caseloads_have_a_median_of_at_least_25() => AssertMet("caseload_2013");

    [Fact]
    public void Early_2013_ninetieth_percentile_caseloads_are_near_35() => AssertMet("caseload_p90_2013");

    [Fact]
    public void Without_the_trust_good_by_November_2017_is_clearly_less_likely() => AssertMet("trust_effect_2017");

    [Fact]
    public void Without_the_IT_failure_the_2022_judgement_stays_good_in_clearly_more_replicates() => AssertMet("it_effect_2022");

    [Fact]
    public void The_documented_run_inspects_in_exactly_the_documented_months()
    {
        var months = runs.Documented.Inspections.Select(i => i.Judgement.Month.ToString()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["2008-12", "2010-12", "2011-11", "2012-10", "2015-10", "2017-11", "2022-02", "2025-03"], months);
        Assert.Equal(8 * DoncasterRunsFixture.Replicates, runs.Documented.Inspections.Count);
    }

    [Fact]
    public void Counterfactual_inspections_follow_the_cadence_rules()
    {
        // After the last fixed month each counterfactual's inspections fall where the cadence rules
        // put them: at least two years apart, and varying between replicates.
        var after = runs.NoTrust.Inspections.Where(i => i.Judgement.Month > Simulation.Model.Time.Month.Parse("2012-10")).ToList();
        Assert.NotEmpty(after);
        Assert.True(after.Select(i => i.Judgement.Month).Distinct().Count() > 3, "cadence dates should differ between replicates");
        foreach (var replicate in after.GroupBy(i => i.Replicate))
        {
            var months = replicate.Select(i => i.Judgement.Month).Order().ToList();
            for (var k = 1; k < months.Count; k++) Assert.True(months[k].MonthsSince(months[k - 1]) >= 24);
        }
    }
}
