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

    // Issue 17: each documented judgement is the most likely grade in its month and is reached in
    // at least half of 200 unconditioned replicates.
    private void AssertDocumented(string id, Grade overall)
    {
        AssertMet(id);
        var target = DoncasterPatterns.Judgements.Single(t => t.Id == id);
        var counts = string.Join(", ", runs.Documented.Inspections.Where(i => i.Judgement.Month == target.Month)
            .GroupBy(i => i.Judgement.Overall).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        Assert.True(DoncasterPatterns.MostLikely(runs.Documented, target, overall), $"{target.Description}: not the most likely grade ({counts})");
    }

    [Fact]
    public void October_2012_is_inadequate_most_likely_and_in_at_least_half_the_replicates() => AssertDocumented("inadequate_2012_10", Grade.Inadequate);

    [Fact]
    public void Autumn_2015_is_inadequate_with_help_and_protection_inadequate_most_likely_and_in_at_least_half() => AssertDocumented("inadequate_2015_10", Grade.Inadequate);

    [Fact]
    public void November_2017_is_good_most_likely_and_in_at_least_half_the_replicates() => AssertDocumented("good_2017_11", Grade.Good);

    [Fact]
    public void February_2022_is_requires_improvement_with_leadership_inadequate_most_likely_and_in_at_least_half() => AssertDocumented("ri_2022_02", Grade.RequiresImprovement);

    [Fact]
    public void Median_agency_share_is_20_to_35_percent_when_inadequate() => AssertMet("agency_when_inadequate");

    [Fact]
    public void Median_agency_share_is_8_to_20_percent_when_good() => AssertMet("agency_when_good");

    [Fact]
    public void Early_2013_caseloads_have_a_median_of_at_least_25() => AssertMet("caseload_2013");

    [Fact]
    public void Early_2013_ninetieth_percentile_caseloads_are_near_35() => AssertMet("caseload_p90_2013");

    [Fact]
    public void Counterfactual_effects_are_outputs_not_targets()
    {
        // They are measured and reported, but no pattern, test band or calibration loss asks for a size.
        var effects = DoncasterPatterns.Effects(runs.Runs, expected: false);
        Assert.Equal(["trust_effect_2017", "it_effect_2022"], effects.Select(e => e.Id));
        Assert.All(effects, e => Assert.InRange(e.Value, -1, 1));
        Assert.DoesNotContain(runs.Sampled.Keys, k => k.Contains("effect", StringComparison.Ordinal));
    }

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
