using System.Text.RegularExpressions;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Tests.Support;

namespace Simulation.Tests.Patterns;

/// <summary>
/// Nothing is baked in: no judgement is an input, and the judgements move when the mechanisms or
/// the starting state move.
/// </summary>
[Collection(DoncasterRuns.Name)]
public sealed partial class NothingBakedInTests(DoncasterRunsFixture runs)
{
    [GeneratedRegex(@"(?i)\b(outstanding|good|adequate|requires[_ ]improvement|inadequate)\b")]
    private static partial Regex GradeWord();

    [Fact]
    public void No_scenario_file_gives_a_grade_as_a_value()
    {
        foreach (var file in Directory.EnumerateFiles(Repository.File("scenarios"), "*.yaml"))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                var code = line.Split('#')[0];
                var colon = code.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) continue;
                var key = code[..colon].Trim().TrimStart('-').Trim();
                var value = code[(colon + 1)..].Trim();
                // Free text (descriptions, sources, details) may mention grades; no key may take one as its value.
                if (key is "description" or "source" or "detail" or "note" or "") continue;
                Assert.False(GradeWord().IsMatch(value), $"{Path.GetFileName(file)}:{lineNumber}: '{key}' has a grade as its value");
            }
        }
    }

    [Fact]
    public void A_judgement_cannot_be_given_as_a_scenario_input()
    {
        var text = File.ReadAllText(Repository.Scenario("doncaster.yaml"))
            .Replace("        - {month: 2017-11, framework: single_inspection_framework}",
                     "        - {month: 2017-11, framework: single_inspection_framework, overall: good}", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, Repository.Scenario("doncaster.yaml")));
        Assert.Contains(e.Errors, x => x.Key.EndsWith(".overall", StringComparison.Ordinal) && x.Message.Contains("unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_strong_service_in_2008_is_not_judged_inadequate_in_October_2012()
    {
        // The same dates and events, but a service that starts well led, well staffed and with a
        // healthy culture: the documented 2012 judgement does not follow.
        var strong = DoncasterRunsFixture.Run("doncaster.yaml", s => s with
        {
            Councils = [s.Councils[0] with
            {
                PracticeQuality = 0.85, LeadershipQuality = 0.85, Culture = 0.85, Reputation = 0.85,
                SocialWorkers = 140, AgencyWorkers = 8, MeanTenureYears = 8,
            }],
        });
        var documented = runs.Sampled["inadequate_2012_10"].Value;
        var share = DoncasterPatterns.SampledShare(strong, DoncasterPatterns.Judgements[0]);
        Assert.True(share < documented - 0.4, $"inadequate in October 2012: documented start {documented:0.00}, strong start {share:0.00}");
    }

    [Fact]
    public void Weakening_the_clean_break_changes_the_2017_judgement()
    {
        var weak = DoncasterRunsFixture.Run("doncaster.yaml", s => s with
        {
            Parameters = s.Parameters with
            {
                Governance = s.Parameters.Governance with { CleanBreakCulture = 0, CleanBreakReputation = 0 },
            },
        });
        var documented = runs.Sampled["good_2017_11"].Value;
        var share = DoncasterPatterns.SampledShare(weak, DoncasterPatterns.Judgements[2]);
        Assert.True(share < documented - 0.2, $"good in November 2017: calibrated clean break {documented:0.00}, no clean break {share:0.00}");
    }

    [Fact]
    public void The_model_code_never_names_a_documented_inspection_month()
    {
        // Judgements come from state; no model file may mention the month of a documented judgement.
        var documented = new[] { (2012, 10), (2015, 10), (2015, 9), (2017, 11), (2022, 2) };
        foreach (var file in Directory.EnumerateFiles(Repository.File("src", "Model"), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (var (year, month) in documented)
            {
                var pattern = $@"Month\.Of\(\s*{year}\s*,\s*0?{month}\s*\)|""{year}-{month:D2}""";
                Assert.False(Regex.IsMatch(text, pattern), $"{Path.GetFileName(file)} names {year}-{month:D2}");
            }
        }
    }

    [Fact]
    public void Calibrated_parameters_stay_within_their_documented_ranges()
    {
        var parameters = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml")).Setup.Parameters;
        foreach (var p in ParameterCatalog.All.Where(p => p.Declaration.Calibrated))
        {
            Assert.InRange(p.Get(parameters), p.SearchLow, p.SearchHigh);
        }
    }
}
