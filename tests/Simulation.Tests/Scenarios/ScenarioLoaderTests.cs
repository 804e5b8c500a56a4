using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string Minimal = """
        name: tiny
        start: 2010-01
        end: 2012-12
        seed: 3
        replicates: 2
        councils:
          - id: a
            children: 50000
        """;

    private static IReadOnlyList<ScenarioError> Errors(string text)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "test.yaml"));
        Assert.NotEmpty(e.Errors);
        return e.Errors;
    }

    [Fact]
    public void The_Doncaster_scenario_holds_the_documented_history_as_inputs()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml"));
        Assert.Equal("doncaster", s.Name);
        Assert.Equal("2008-01", s.Setup.Start.ToString());
        Assert.Equal("2025-12", s.Setup.End.ToString());
        Assert.Equal(216, s.Setup.Months);
        Assert.Equal(DepartmentMode.Scripted, s.Setup.DepartmentMode);
        var types = s.Events.Select(e => e.Type).ToHashSet();
        foreach (var required in new[] { "intervention", "partner_start", "trust_go_live", "council_ownership", "it_system", "return_in_house" })
            Assert.Contains(required, types);
        Assert.Equal("2014-10", s.Events.Single(e => e.Type == "trust_go_live").Month.ToString());
        Assert.Equal("2022-09", s.Events.Single(e => e.Type == "return_in_house").Month.ToString());
        var plan = s.Setup.Councils.Single().Inspections;
        Assert.Equal(["2008-12", "2010-12", "2011-11", "2012-10", "2015-10", "2017-11", "2022-02", "2025-03"],
            plan.Fixed.Select(p => p.Month.ToString()));
        Assert.Equal(64, s.Sha256.Length);
    }

    [Fact]
    public void Every_shipped_scenario_loads()
    {
        // Scenarios sit at the top of scenarios/; subfolders hold what they include.
        foreach (var file in Directory.EnumerateFiles(Repository.File("scenarios"), "*.yaml"))
        {
            var s = ScenarioLoader.Load(file);
            Assert.NotEmpty(s.Setup.Councils);
        }
    }

    [Fact]
    public void A_minimal_file_loads_with_defaults()
    {
        var s = ScenarioLoader.Parse(Minimal, "test.yaml");
        Assert.Equal(50000, s.Setup.Councils[0].Children);
        Assert.Equal(DepartmentMode.Rules, s.Setup.DepartmentMode);
        Assert.True(s.Setup.Councils[0].Inspections.CadenceAfterFixed);
    }

    [Fact]
    public void Parameters_can_be_set_nested_or_dotted()
    {
        var s = ScenarioLoader.Parse(Minimal + "\nparameters:\n  workforce:\n    base_turnover: 0.2\n  practice.noise: 0.01\n", "test.yaml");
        Assert.Equal(0.2, s.Setup.Parameters.Workforce.BaseTurnover);
        Assert.Equal(0.01, s.Setup.Parameters.Practice.Noise);
    }

    [Fact]
    public void Errors_name_the_line_column_and_key()
    {
        var e = Assert.Single(Errors(Minimal.Replace("replicates: 2", "replicates: 0", StringComparison.Ordinal)));
        Assert.Equal("test.yaml", e.File);
        Assert.Equal(5, e.Line);
        Assert.Equal("replicates", e.Key);
        Assert.StartsWith("test.yaml:5:", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        var errors = Errors(Minimal
            .Replace("replicates: 2", "replicatez: 2", StringComparison.Ordinal)
            .Replace("children: 50000", "children: -1\n    budjet: 3", StringComparison.Ordinal)
            .Replace("end: 2012-12", "end: 2012-13", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "replicatez" && e.Message.Contains("did you mean 'replicates'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "replicates" && e.Message.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "councils[0].children" && e.Message.Contains("out of range", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "councils[0].budjet" && e.Message.Contains("did you mean 'budget'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "end" && e.Message.Contains("YYYY-MM", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".nan")]
    [InlineData(".inf")]
    [InlineData("lots")]
    public void Numbers_must_be_finite(string value)
    {
        var e = Assert.Single(Errors(Minimal.Replace("children: 50000", $"children: {value}", StringComparison.Ordinal)));
        Assert.Equal("councils[0].children", e.Key);
    }

    [Fact]
    public void Events_must_fall_inside_the_run_and_name_defined_councils()
    {
        var errors = Errors(Minimal + """

            events:
              - {id: early, month: 2009-06, type: it_system, council: a, severity: 0.5}
              - {id: stranger, month: 2011-06, type: it_system, council: donc, severity: 0.5}
              - {id: odd, month: 2011-06, type: it_sytem, council: a}
            """);
        Assert.Contains(errors, e => e.Key == "events[0].month" && e.Message.Contains("outside the run", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "events[1].council" && e.Message.Contains("no council 'donc'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key == "events[2].type" && e.Message.Contains("did you mean 'it_system'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_trust_cannot_hand_back_a_service_it_never_ran()
    {
        var errors = Errors(Minimal + """

            department: scripted
            events:
              - {id: back, month: 2011-01, type: return_in_house, council: a}
              - {id: live, month: 2011-06, type: trust_go_live, council: a}
            """);
        Assert.Contains(errors, e => e.Key == "events[0]" && e.Message.Contains("a trust must go live first", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_parameters_get_a_suggestion()
    {
        var e = Assert.Single(Errors(Minimal + "\nparameters:\n  workforce:\n    base_turnovr: 0.2\n"));
        Assert.Equal("parameters.workforce.base_turnovr", e.Key);
        Assert.Contains("did you mean 'workforce.base_turnover'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspection_months_are_checked()
    {
        var errors = Errors(Minimal + "\n    inspections:\n      months: [2011-06, 2011-06, 2015-01, {month: 2012-01, framework: sif}]\n");
        Assert.Contains(errors, e => e.Message.Contains("listed twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("outside the run", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Key.EndsWith("framework", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   \n\n", "is empty")]
    [InlineData("name: [unclosed\n", "YAML syntax")]
    [InlineData("name: bad\nstart: 2008-01\nend: [2009-01\nseed: 1\n", "test.yaml:4:1: YAML syntax")]
    [InlineData("- just\n- a list\n", "expected a mapping")]
    [InlineData("name: a\nname: b\n", "")]
    [InlineData("name: a\n\tstart: 2010-01\n", "YAML syntax")]
    public void Broken_files_are_reported_not_thrown(string text, string expected)
    {
        var errors = Errors(text);
        Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_files_are_refused()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2], "a.out"));
        Assert.Contains("binary", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_inspections_keep_their_framework()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml"));
        var plan = s.Setup.Councils[0].Inspections.Fixed;
        Assert.Equal(Framework.UnannouncedChildProtection, plan.Single(p => p.Month.ToString() == "2012-10").Framework);
    }
}

public class ScenarioCompositionTests
{
    private const string Parent = """
        name: parent
        start: 2010-01
        end: 2014-12
        seed: 3
        replicates: 2
        department: scripted
        parameters:
          workforce:
            base_turnover: 0.2
            fill_rate: 0.1
        councils:
          - id: a
            children: 50000
            budget: 30
        events:
          - {id: live, month: 2011-01, type: trust_go_live, council: a}
          - {id: back, month: 2013-01, type: return_in_house, council: a}
          - {id: it, month: 2012-01, type: it_system, council: a, severity: 0.5}
        """;

    private static string Write(TempFolder temp, string name, string text)
    {
        var path = temp.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void An_extending_file_changes_only_what_it_says()
    {
        using var temp = new TempFolder();
        Write(temp, "parent.yaml", Parent);
        var child = Write(temp, "child.yaml", """
            extends: parent.yaml
            name: child
            remove_events: [it]
            parameters:
              workforce:
                fill_rate: 0.2
            councils:
              - id: a
                budget: 40
            events:
              - {id: back, month: 2014-01, type: return_in_house, council: a}
            """);
        var s = ScenarioLoader.Load(child);
        Assert.Equal("child", s.Name);
        Assert.Equal(0.2, s.Setup.Parameters.Workforce.BaseTurnover);   // kept from the parent
        Assert.Equal(0.2, s.Setup.Parameters.Workforce.FillRate);       // changed
        Assert.Equal(50000, s.Setup.Councils[0].Children);              // kept
        Assert.Equal(40, s.Setup.Councils[0].Budget);                   // changed
        Assert.Equal(["live", "back"], s.Events.Select(e => e.Id));
        Assert.Equal("2014-01", s.Events.Single(e => e.Id == "back").Month.ToString());
        Assert.Equal(2, s.Inputs.Length);
    }

    [Fact]
    public void Errors_in_an_extended_file_name_that_file()
    {
        using var temp = new TempFolder();
        Write(temp, "parent.yaml", Parent.Replace("children: 50000", "children: -3", StringComparison.Ordinal));
        var child = Write(temp, "child.yaml", "extends: parent.yaml\nname: child\n");
        var e = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(child)).Errors);
        Assert.EndsWith("parent.yaml", e.File, StringComparison.Ordinal);
        Assert.Equal(13, e.Line);
        Assert.Equal("councils[0].children", e.Key);
    }

    [Fact]
    public void Loops_missing_parents_and_unknown_removals_are_reported()
    {
        using var temp = new TempFolder();
        var a = Write(temp, "a.yaml", "extends: b.yaml\nname: a\n");
        Write(temp, "b.yaml", "extends: a.yaml\nname: b\n");
        Assert.Contains(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(a)).Errors, e => e.Message.Contains("loops", StringComparison.Ordinal));

        var missing = Write(temp, "c.yaml", "extends: nowhere.yaml\nname: c\n");
        var m = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(missing)).Errors);
        Assert.Equal(("extends", 1), (m.Key, m.Line));

        Write(temp, "parent.yaml", Parent);
        var unknown = Write(temp, "d.yaml", "extends: parent.yaml\nname: d\nremove_events: [itt]\n");
        var u = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(unknown)).Errors);
        Assert.Contains("did you mean 'it'", u.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_from_another_file_yield_to_the_scenarios_own()
    {
        using var temp = new TempFolder();
        Write(temp, "params.yaml", "parameters:\n  workforce:\n    base_turnover: 0.3\n    stress_turnover: 1.5\n");
        var file = Write(temp, "s.yaml", Parent.Replace("name: parent", "name: s\nparameters_from: params.yaml", StringComparison.Ordinal));
        var s = ScenarioLoader.Load(file);
        Assert.Equal(0.2, s.Setup.Parameters.Workforce.BaseTurnover);   // the scenario's own value wins
        Assert.Equal(1.5, s.Setup.Parameters.Workforce.StressTurnover); // from the parameters file
        Assert.Contains(s.Inputs, i => i.Path.EndsWith("params.yaml", StringComparison.Ordinal));
    }
}
