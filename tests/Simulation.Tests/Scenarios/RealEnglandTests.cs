using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Scenarios.Generators;
using Simulation.Tests.Support;

namespace Simulation.Tests.Scenarios;

/// <summary>The real national scenario (england.yaml): generated from the national record in scenarios/data/england.</summary>
public class RealEnglandTests
{
    private static string DataFolder => Repository.File("scenarios", "data", "england");

    [Fact]
    public void The_shipped_file_is_the_generators_output()
    {
        Assert.True(File.ReadAllText(Repository.Scenario("england.yaml")) == RealEnglandGenerator.Generate(DataFolder),
            "scenarios/england.yaml differs from `simulation generate england`: regenerate it with scripts/update-docs.sh");
    }

    [Fact]
    public void The_record_is_copied_whole_with_its_provenance()
    {
        // Byte-for-byte copies of the project's national record (shared/data, copied 2026-11-27).
        void Check(string file, int lines, string header)
        {
            var all = File.ReadAllLines(Path.Combine(DataFolder, file));
            Assert.Equal(lines, all.Length);
            Assert.Equal(header, all[0]);
        }
        Check("authorities.csv", 157, "la_code,council_id,name,region_code,region_name,la_type,population_0_25,statistical_neighbours,current");
        Check("inspections.csv", 480,
            "la_code,council_id,framework,inspection_start,inspection_end,published,overall,help_and_protection,children_in_care,leadership,care_leavers,reinspection");
        Check("governance.csv", 37, "council_id,month,event,detail,month_known,source");
        var readme = File.ReadAllText(Path.Combine(DataFolder, "README.md"));
        foreach (var phrase in new[] { "Crown copyright", "Open Government Licence v3.0", "via data-to-insight/ofsted-ilacs-scrape-tool", "withheld on purpose", "2026-11-27" })
            Assert.Contains(phrase, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_file_holds_every_current_authority()
    {
        var s = ScenarioLoader.Load(Repository.Scenario("england.yaml"));
        Assert.Equal("england", s.Name);
        Assert.Equal(153, s.Setup.Councils.Length);
        Assert.Equal(s.Setup.Councils.Select(c => c.Id).Order(StringComparer.Ordinal), s.Setup.Councils.Select(c => c.Id));
        Assert.Equal(9, s.Setup.Councils.Select(c => c.Region).Distinct().Count());
        Assert.Equal(33, s.Setup.Councils.Count(c => c.Region == "london"));
        Assert.DoesNotContain(s.Setup.Councils, c => c.Id is "cumbria" or "northamptonshire" or "poole");
        var council = s.Setup.Councils.ToDictionary(c => c.Id);
        Assert.Equal("south-east", council["medway"].Region); // region_code empty in the record; region_name gives it
        Assert.Equal(49_400, council["cumberland"].Children); // 0.7 x 0.55 x 128,211
        Assert.Equal(40_400, council["westmorland-and-furness"].Children); // 0.7 x 0.45 x 128,211
        Assert.Equal(RealEnglandGenerator.MinimumChildren, council["isles-of-scilly"].Children);
        var children = s.Setup.Councils.Sum(c => c.Children);
        Assert.InRange(children, 11e6, 13e6); // NATIONAL.md: about 11.8 million
        Assert.All(s.Setup.Councils, c => Assert.Equal(550, c.ReferralRate));
        Assert.Equal(2008, s.Setup.Seed);
        Assert.Equal(Month.Parse("2008-01"), s.Setup.Start);
        Assert.Equal(Month.Parse("2025-12"), s.Setup.End);
        // Barking and Dagenham: SIF 2014-05, ILACS 2019-03 and 2023-07 in the record.
        var plan = council["barking-and-dagenham"].Inspections;
        Assert.Equal(["2014-05", "2019-03", "2023-07"], plan.Fixed.Select(p => p.Month.ToString()));
        Assert.Equal([Framework.SingleInspection, Framework.Ilacs, Framework.Ilacs], plan.Fixed.Select(p => p.Framework));
        Assert.True(plan.CadenceAfterFixed);
        Assert.Equal(Month.Parse("2013-11"), plan.CadenceBefore);
        Assert.Equal(["achieving-for-children", "northamptonshire-childrens-trust"], s.Setup.Trusts.Select(t => t.Id));
        Assert.Equal("improvement-partner", s.Setup.Partners[0].Id); // the Department's rules engage the first partner: a generic one
        Assert.Equal(38, s.Events.Length);
    }

    // A small record: three current authorities (one with no region code and a quoted name), one
    // abolished, a trust serving two councils, a council-owned company, a partner with and one
    // without a fee.
    private const string Authorities = """
        la_code,council_id,name,region_code,region_name,la_type,population_0_25,statistical_neighbours,current
        101,alpha,Alpha,NE,North East,Unitary Authority,100000,102;103,yes
        102,beta,"Beta, City of",,South East,Unitary Authority,50000,101,yes
        103,gamma,Gamma,GL,London,London Borough,70012,101,yes
        104,delta,Delta,SW,South West,,,,no
        """;

    private const string Inspections = """
        la_code,council_id,framework,inspection_start,inspection_end,published,overall,help_and_protection,children_in_care,leadership,care_leavers,reinspection
        101,alpha,SIF,2014-04-29,2014-05-22,2014-07-07,requires_improvement,requires_improvement,requires_improvement,requires_improvement,requires_improvement,
        101,alpha,ILACS,2023-07-10,2023-07-21,,,,,,,
        101,alpha,ILACS_standard,2019-02-18,2019-03-01,2019-04-01,good,good,good,good,,
        101,alpha,ILACS,2026-01-12,2026-01-23,,,,,,,
        102,beta,ILACS_short,2018-06-04,2018-06-15,2018-07-20,inadequate,inadequate,requires_improvement,inadequate,,
        103,gamma,SIF,2017-01-09,2017-02-02,2017-03-20,good,good,good,good,good,
        """;

    private const string Governance = """
        council_id,month,event,detail,month_known,source
        beta,2018-09,statutory_direction,direction to move the service into a company,no,news reports
        alpha,2015-04,trust_live,"Shared Trust, independent; GBP 2.5m government set-up funding",yes,news reports
        gamma,2016-01,trust_live,Shared Trust (the same trust as Alpha's),yes,"news reports (""quoted"")"
        beta,2019-10,trust_live,Beta Children First (council-owned company),yes,news reports
        gamma,2014-02,improvement_partner_start,"private consultancy (iMPOWER), 18 months, about GBP 1.2m",yes,news reports
        alpha,2013-06,improvement_partner_start,another council (Leeds City Council) as improvement partner,yes,news reports
        """;

    private static string WriteRecord(TempFolder temp, string inspections = Inspections)
    {
        var data = temp.Combine("data", "england");
        Directory.CreateDirectory(data);
        // The record's authorities and inspections use CRLF line ends; governance LF.
        File.WriteAllText(Path.Combine(data, "authorities.csv"), Authorities.ReplaceLineEndings("\r\n") + "\r\n");
        File.WriteAllText(Path.Combine(data, "inspections.csv"), inspections.ReplaceLineEndings("\r\n") + "\r\n");
        File.WriteAllText(Path.Combine(data, "governance.csv"), Governance.ReplaceLineEndings("\n") + "\n");
        // The posterior, as in scenarios/
        Directory.CreateDirectory(temp.Combine("calibration"));
        File.Copy(Repository.Scenario(Path.Combine("calibration", "posterior.csv")), temp.Combine("calibration", "posterior.csv"));
        return data;
    }

    [Fact]
    public void A_small_record_becomes_the_scenario_text()
    {
        using var temp = new TempFolder();
        var text = RealEnglandGenerator.Generate(WriteRecord(temp));

        Assert.Contains("GENERATED by `simulation generate england`", text, StringComparison.Ordinal);
        Assert.Contains("\nname: england\n", text, StringComparison.Ordinal);
        Assert.Contains("\nstart: 2008-01\nend: 2025-12\nseed: 2008\nreplicates: 100\ndepartment: rules\nposterior: calibration/posterior.csv\n",
            text, StringComparison.Ordinal);
        Assert.Contains("\nparameters:\n  practice.initial_spread: 0.09\nobserved:\n  judgements: data/england/inspections.csv\n  until: 2019-12\n",
            text, StringComparison.Ordinal);

        // Current authorities only, in council_id order; region from the code or, where empty, the name.
        Assert.Contains("  - id: alpha\n    name: Alpha\n    region: north-east\n    children: 70000\n", text, StringComparison.Ordinal);
        Assert.Contains("  - id: beta\n    name: Beta, City of\n    region: south-east\n    children: 35000\n", text, StringComparison.Ordinal);
        Assert.Contains("  - id: gamma\n    name: Gamma\n    region: london\n    children: 49000\n", text, StringComparison.Ordinal); // 49,008 to the nearest 100
        Assert.DoesNotContain("delta", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("id: alpha", StringComparison.Ordinal) < text.IndexOf("id: beta", StringComparison.Ordinal));

        // The mean authority: alpha's 70,000 children at 330, 45 and 70 per 10,000.
        Assert.Contains("""
                referral_rate: 550
                children_in_need: 2310
                child_protection_plans: 315
                children_in_care: 490
                establishment: 173
                social_workers: 145
                agency_workers: 26
                practice_quality: 0.47
                culture: 0.47
                leadership_quality: 0.47
                reputation: 0.48
                budget: 26.9
                inspections:
                  cadence_before: 2013-11
                  months:
                    - {month: 2014-05, framework: single_inspection_framework}
                    - {month: 2019-03, framework: ilacs}
                    - {month: 2023-07, framework: ilacs}
                  then: cadence
            """, text, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-01", text, StringComparison.Ordinal); // after the run

        // Trusts serving several councils are declared; partners named in the record are declared.
        Assert.Contains("\ntrusts:\n  - id: shared-trust\n    name: Shared Trust\n    from: 2015-04\n", text, StringComparison.Ordinal);
        Assert.Contains("\npartners:\n  - id: improvement-partner\n    name: \"Improvement partner the Department's rules require (generic: a sector-led partner the record does not list)\"\n  - id: impower\n    name: iMPOWER (private consultancy)\n  - id: leeds\n    name: Leeds City Council\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hampshire", text, StringComparison.Ordinal);

        // Events: the national two, then the record in (month, council) order.
        var ids = text.Split('\n').Where(l => l.StartsWith("  - id: ", StringComparison.Ordinal)).Select(l => l["  - id: ".Length..])
            .SkipWhile(id => id != "national-demand-surge").ToList();
        Assert.Equal(
            ["national-demand-surge", "covid-pause", "alpha-improvement-partner-start", "gamma-improvement-partner-start", "alpha-trust-live",
             "gamma-trust-live", "beta-statutory-direction", "beta-trust-live"], ids);
        Assert.Contains("""
              - id: alpha-trust-live
                month: 2015-04
                type: trust_go_live
                council: alpha
                trust: shared-trust
                setup_funding: 2.5
                source: "scenarios/data/england/governance.csv: news reports"
            """, text, StringComparison.Ordinal);
        Assert.Contains("source: \"scenarios/data/england/governance.csv: news reports (\\\"quoted\\\")\"", text, StringComparison.Ordinal);
        Assert.Contains("""
              - id: beta-trust-live
                month: 2019-10
                type: trust_go_live
                council: beta
                council_owned: true
            """, text, StringComparison.Ordinal);
        Assert.Contains("""
              - id: beta-statutory-direction
                month: 2018-09
                type: intervention
                council: beta
                level: statutory_direction
            """, text, StringComparison.Ordinal);
        Assert.Contains("note: \"direction to move the service into a company (month assumed)\"", text, StringComparison.Ordinal);
        Assert.Contains("""
              - id: gamma-improvement-partner-start
                month: 2014-02
                type: partner_start
                partner: impower
                council: gamma
                months: 18
                fee: 1.2
            """, text, StringComparison.Ordinal);
        var defaults = new Simulation.Model.Parameters.DepartmentParameters();
        Assert.Contains($"""
              - id: alpha-improvement-partner-start
                month: 2013-06
                type: partner_start
                partner: leeds
                council: alpha
                months: {defaults.PartnerMonths}
                fee: {defaults.PartnerFee.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            """, text, StringComparison.Ordinal);
        Assert.Contains("length and fee not given: the Department's defaults", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_inspections_of_a_council_in_one_month_are_kept_once_with_a_comment()
    {
        using var temp = new TempFolder();
        var text = RealEnglandGenerator.Generate(WriteRecord(temp, Inspections + "\n103,gamma,SIF,2017-02-20,2017-02-24,2017-04-01,,,,,,yes"));
        Assert.Single(text.Split('\n'), l => l.Contains("{month: 2017-02,", StringComparison.Ordinal));
        Assert.Contains("# 2 recorded inspections ended in 2017-02", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_naming_an_authority_that_is_not_current_is_refused()
    {
        using var temp = new TempFolder();
        var data = WriteRecord(temp, Inspections + "\n104,delta,SIF,2014-01-06,2014-01-30,2014-03-01,,,,,,");
        var e = Assert.Throws<InvalidDataException>(() => RealEnglandGenerator.Generate(data));
        Assert.Contains("'delta' is not a current authority", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_record_loads_as_a_scenario()
    {
        // Needs the loader's cadence_before, observed and practice.initial_spread.
        using var temp = new TempFolder();
        var text = RealEnglandGenerator.Generate(WriteRecord(temp));
        var s = ScenarioLoader.Parse(text, temp.Combine("x.yaml"));

        Assert.Equal(["alpha", "beta", "gamma"], s.Setup.Councils.Select(c => c.Id));
        Assert.Equal(["north-east", "south-east", "london"], s.Setup.Councils.Select(c => c.Region));
        Assert.Equal([70_000.0, 35_000, 49_000], s.Setup.Councils.Select(c => c.Children));
        Assert.Equal(RealEnglandGenerator.InitialSpread, s.Setup.Parameters.Practice.InitialSpread);

        var alpha = s.Setup.Councils[0].Inspections;
        Assert.Equal(["2014-05", "2019-03", "2023-07"], alpha.Fixed.Select(p => p.Month.ToString()));
        Assert.Equal([Framework.SingleInspection, Framework.Ilacs, Framework.Ilacs], alpha.Fixed.Select(p => p.Framework));
        Assert.Equal(Month.Parse("2013-11"), alpha.CadenceBefore);
        Assert.True(alpha.CadenceAfterFixed);
        Assert.Equal(["2018-06"], s.Setup.Councils[1].Inspections.Fixed.Select(p => p.Month.ToString()));

        Assert.Equal(["shared-trust"], s.Setup.Trusts.Select(t => t.Id));
        Assert.Equal(["improvement-partner", "impower", "leeds"], s.Setup.Partners.Select(p => p.Id));
        Assert.Equal(
            ["demand_shock", "partner_start", "partner_start", "trust_go_live", "trust_go_live", "intervention", "trust_go_live", "inspection_pause"],
            s.Events.Select(e => e.Type));
        Assert.Equal("shared-trust", s.Events.Single(e => e.Id == "gamma-trust-live").Trust);
        Assert.True(s.Events.Single(e => e.Id == "beta-trust-live").CouncilOwned);
        Assert.NotNull(s.Observed);
        Assert.Equal(Month.Parse("2019-12"), s.Observed.Until);
    }
}
