using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Time;

namespace Simulation.Tests.Governance;

/// <summary>The Department's escalation, the council's challenge, budget-setting and a partner's contract, with hand-checked numbers.</summary>
public sealed class RulesTests
{
    private static readonly ModelParameters P = ModelParameters.Default;
    private static Month M(string s) => Month.Parse(s);

    [Fact]
    public void Escalation_follows_notice_then_direction_commissioner_and_partner_then_trust_order()
    {
        var d = P.Department; // direction after 2, partner after 2, trust after 3, set-up 15 months
        var o = Oversight.None;

        var (first, decisions) = Escalation.Respond(o, Grade.Inadequate, M("2010-03"), d, partnerAvailable: true);
        Assert.Equal([new Decision(Directive.ImprovementNotice)], decisions);
        o = decisions.Aggregate(first, (x, dec) => Escalation.Apply(x, dec.Directive));
        Assert.Equal(new Oversight(InterventionLevel.ImprovementNotice, 1, false, false, null), o);

        var (second, decisions2) = Escalation.Respond(o, Grade.Inadequate, M("2012-10"), d, partnerAvailable: true);
        Assert.Equal([new Decision(Directive.StatutoryDirection), new Decision(Directive.Commissioner), new Decision(Directive.PartnerRequired)], decisions2);
        o = decisions2.Aggregate(second, (x, dec) => Escalation.Apply(x, dec.Directive));
        Assert.Equal(new Oversight(InterventionLevel.StatutoryDirection, 2, true, false, null), o);

        // The third: a trust, live 15 months after the judgement (2013-06 + 15 = 2014-09).
        var (third, decisions3) = Escalation.Respond(o, Grade.Inadequate, M("2013-06"), d, partnerAvailable: true);
        Assert.Equal([new Decision(Directive.TrustOrder, M("2014-09"))], decisions3);
        o = decisions3.Aggregate(third, (x, dec) => Escalation.Apply(x, dec.Directive));
        Assert.Equal(new Oversight(InterventionLevel.StatutoryDirection, 3, true, true, null), o);

        // A fourth orders nothing new.
        Assert.Empty(Escalation.Respond(o, Grade.Inadequate, M("2015-06"), d, partnerAvailable: true).Decisions);
    }

    [Fact]
    public void While_a_run_is_conditioned_on_a_record_the_rules_order_no_trust_but_keep_counting()
    {
        var d = P.Department; // trust after 3
        var o = Oversight.None with { Inadequate = 2, Level = InterventionLevel.StatutoryDirection, PartnerEngaged = true };
        var (counted, decisions) = Escalation.Respond(o, Grade.Inadequate, M("2016-03"), d, partnerAvailable: true, mayOrderTrust: false);
        Assert.Equal(3, counted.Inadequate);
        Assert.DoesNotContain(decisions, x => x.Directive == Directive.TrustOrder);
        Assert.False(counted.TrustOrdered);
        // After the cutoff the next inadequate judgement orders one.
        var (_, after) = Escalation.Respond(counted, Grade.Inadequate, M("2020-03"), d, partnerAvailable: true);
        Assert.Contains(after, x => x.Directive == Directive.TrustOrder);
    }

    [Fact]
    public void Without_a_partner_in_the_scenario_none_is_required()
    {
        var o = Oversight.None with { Level = InterventionLevel.ImprovementNotice, Inadequate = 1 };
        var (_, decisions) = Escalation.Respond(o, Grade.Inadequate, M("2012-10"), P.Department, partnerAvailable: false);
        Assert.DoesNotContain(decisions, x => x.Directive == Directive.PartnerRequired);
    }

    [Fact]
    public void A_good_judgement_lifts_the_intervention_a_year_later_unless_failure_returns()
    {
        var o = new Oversight(InterventionLevel.StatutoryDirection, 3, true, true, null);
        var (counted, decisions) = Escalation.Respond(o, Grade.Good, M("2017-11"), P.Department, partnerAvailable: true);
        Assert.Empty(decisions);
        Assert.Equal(M("2018-11"), counted.LiftDue);
        Assert.False(Escalation.LiftDue(counted, M("2018-10")));
        Assert.True(Escalation.LiftDue(counted, M("2018-11")));
        Assert.Equal(Oversight.None with { PartnerEngaged = true, TrustOrdered = true }, Escalation.Apply(counted, Directive.DirectionLifted));

        // Requires improvement neither lifts nor escalates; inadequate cancels the lift.
        Assert.Equal(counted, Escalation.Respond(counted, Grade.RequiresImprovement, M("2018-01"), P.Department, true).Counted);
        Assert.Null(Escalation.Respond(counted, Grade.Inadequate, M("2018-01"), P.Department, true).Counted.LiftDue);
    }

    [Fact]
    public void The_councils_challenge_by_hand()
    {
        var g = P.Governance; // target 0.62, midpoint 0.5, range 0.2
        // Seen 0.57: 0.5 + 0.05 / 0.2 = 0.75 of strength 0.5.
        Assert.Equal(0.375, Scrutiny.CouncilChallenge(0.57, 0.5, g), 12);
        // Well above the target: none; well below: the full strength.
        Assert.Equal(0, Scrutiny.CouncilChallenge(0.75, 0.5, g));
        Assert.Equal(0.25, Scrutiny.CouncilChallenge(0.45, 0.25, g));
        Assert.Equal(0, Scrutiny.CouncilChallenge(null, 0.5, g));
        // With a notice (0.2): 1 - (1 - 0.375)(1 - 0.2) = 0.5.
        Assert.Equal(0.5, Scrutiny.Combined(0.375, Scrutiny.DepartmentChallenge(InterventionLevel.ImprovementNotice, g)), 12);
        Assert.Equal(0.35, Scrutiny.DepartmentChallenge(InterventionLevel.StatutoryDirection, g));
        Assert.Equal(0, Scrutiny.DepartmentChallenge(InterventionLevel.None, g));
    }

    [Fact]
    public void Scrutiny_is_late_and_weak_under_a_contract()
    {
        var g = P.Governance;
        Assert.Equal((2.0, 0.5), Scrutiny.Terms(councilRuns: true, 0.9, 1, g));
        Assert.Equal((9.0, 0.25), Scrutiny.Terms(councilRuns: false, null, null, g));
        Assert.Equal((3.0, 0.4), Scrutiny.Terms(councilRuns: false, 0.4, 3, g));
    }

    [Fact]
    public void What_a_judgement_tells_the_council_by_hand()
    {
        var g = P.Governance;
        var p = P.Inspection; // thresholds 0.45, 0.62, 0.8; memory 36 months
        Judgement J(Grade overall, Grade? leadership = null) =>
            new("a", M("2015-10"), Framework.SingleInspection, overall, overall, overall, leadership ?? overall);
        Assert.Equal(0.40, Scrutiny.Implied(J(Grade.Inadequate), M("2016-01"), g, p)!.Value, 12);
        Assert.Equal(0.71, Scrutiny.Implied(J(Grade.Good), M("2016-01"), g, p)!.Value, 12);
        Assert.Equal(0.535, Scrutiny.Implied(J(Grade.RequiresImprovement), M("2016-01"), g, p)!.Value, 12);
        Assert.Equal(0.9, Scrutiny.Implied(J(Grade.Outstanding), M("2016-01"), g, p)!.Value, 12);
        // Good overall with inadequate leadership counts as requires improvement.
        Assert.Equal(0.535, Scrutiny.Implied(J(Grade.Good, Grade.Inadequate), M("2016-01"), g, p)!.Value, 12);
        // Forgotten after 36 months.
        Assert.NotNull(Scrutiny.Implied(J(Grade.Good), M("2018-10"), g, p));
        Assert.Null(Scrutiny.Implied(J(Grade.Good), M("2018-11"), g, p));
        Assert.Equal(0.4, Scrutiny.Worse(0.4, 0.6));
        Assert.Equal(0.6, Scrutiny.Worse(null, 0.6));
    }

    [Fact]
    public void Budget_rebase_by_hand()
    {
        var f = P.Finance; // growth 0.03, rebase 0.7
        Assert.Equal(27 * 1.03 + 0.7 * 2, Budget.Rebase(27, 2, f, 2009), 12);
        Assert.Equal(29.21, Budget.Rebase(27, 2, f, 2009), 10);
        Assert.Equal(27.81, Budget.Rebase(27, -1, f, 2009), 10);
        Assert.Equal(25, Budget.Changed(27, -2));
        Assert.Equal(0, Budget.Changed(1, -2));
    }

    [Fact]
    public void A_partners_contract_by_hand()
    {
        var c = Partnering.Start("a", M("2013-07"), 24, 1.8, null, 0.5, null, P.Partner);
        Assert.Equal(M("2015-07"), c.End);
        Assert.Equal(0.075, c.FeePerMonth, 12);
        Assert.Equal((P.Partner.LeadershipSupport, 0.5, P.Partner.RecruitmentBoost), (c.Leadership, c.Practice, c.Recruitment));
        Assert.False(c.EndsAfter(M("2015-05")));
        Assert.True(c.EndsAfter(M("2015-06")));
        // A contract is at least a month long.
        Assert.Equal(M("2013-08"), Partnering.Start("a", M("2013-07"), 0, 1, null, null, null, P.Partner).End);
        Assert.Equal((24, 1.8), Partnering.RequiredTerms(P.Department));
    }
}
