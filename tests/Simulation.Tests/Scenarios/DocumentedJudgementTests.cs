using Simulation.Model.Inspection;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Scenarios;

/// <summary>Documented judgements are read for the figures and never reach the model.</summary>
public class DocumentedJudgementTests
{
    [Fact]
    public void Doncaster_carries_its_documented_judgements()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml"));
        Assert.Equal(8, s.Documented.Length);
        Assert.Contains(s.Documented, d => d.Month.ToString() == "2017-11" && d.Overall == Grade.Good);
        Assert.Contains(s.Inputs, i => i.Path.EndsWith("doncaster-judgements.csv", StringComparison.Ordinal));
        // A counterfactual that extends it inherits them, resolved against doncaster.yaml's folder.
        Assert.Equal(8, ScenarioLoader.Load(Repository.Scenario("doncaster-no-trust.yaml")).Documented.Length);
    }

    [Fact]
    public async Task They_never_change_what_the_model_does()
    {
        var with = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml"));
        var text = File.ReadAllText(Repository.Scenario("doncaster.yaml"))
            .Replace("documented_judgements: documented/doncaster-judgements.csv", "", StringComparison.Ordinal);
        var without = ScenarioLoader.Parse(text, Repository.Scenario("doncaster.yaml"));
        Assert.Empty(without.Documented);
        using var temp = new TempFolder();
        Runs.Write(await Runs.DirectAsync(with.Setup with { Replicates = 3 }), temp.Combine("with"));
        Runs.Write(await Runs.DirectAsync(without.Setup with { Replicates = 3 }), temp.Combine("without"));
        Runs.AssertSameTables(temp.Combine("with"), temp.Combine("without"));
    }

    [Fact]
    public void Mistakes_in_the_file_are_located_to_its_line()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Combine("j.csv"), "council,month,overall,source\nx,2010-13,goood,s\nnowhere,2010-01,good,s\n");
        File.WriteAllText(temp.Combine("s.yaml"), "name: s\nstart: 2010-01\nend: 2011-01\nseed: 1\nreplicates: 1\ncouncils: [{id: x}]\ndocumented_judgements: j.csv\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(temp.Combine("s.yaml")));
        var text = string.Join("\n", e.Errors);
        Assert.Contains("j.csv:2:1: month:", text, StringComparison.Ordinal);
        Assert.Contains("j.csv:2:1: overall: 'goood'", text, StringComparison.Ordinal);
        Assert.Contains("did you mean 'good'", text, StringComparison.Ordinal);
        Assert.Contains("j.csv:3:1: council: 'nowhere'", text, StringComparison.Ordinal);
    }
}
