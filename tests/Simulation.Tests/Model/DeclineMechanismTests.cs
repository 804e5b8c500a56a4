using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>
/// The mechanisms of issue 17 that let a service decline as well as recover: lasting local
/// conditions, local surges in demand, interim cover after a director leaves, national savings and
/// the improvement plan an inadequate judgement sets off. Each is off at its default.
/// </summary>
public class DeclineMechanismTests
{
    private static readonly Month Start = Month.Parse("2010-01");

    private static readonly CouncilSetup Council = new()
    {
        Id = "c", Children = 60_000, ChildrenInNeed = 1900, ChildProtectionPlans = 250, ChildrenInCare = 420,
        Establishment = 160, SocialWorkers = 135, AgencyWorkers = 15, PracticeQuality = 0.5, Culture = 0.5, LeadershipQuality = 0.5,
    };

    private static Func<RandomStream, CounterRandom> Streams(ulong key)
    {
        var uses = new Dictionary<RandomStream, ulong>();
        return stream =>
        {
            uses[stream] = uses.GetValueOrDefault(stream) + 1;
            return new CounterRandom(key * 1_000_003 + (ulong)stream * 1_009 + uses[stream]);
        };
    }

    private static ServiceState Run(ServiceState s, ModelParameters p, int months, ulong key = 7)
    {
        var month = Start;
        for (var i = 0; i < months; i++, month += 1)
        {
            s = ServiceStep.Advance(s, ServiceConditions.Neutral(27) with { Challenge = 0.5 }, month, p, Streams(key + (ulong)i)).State;
        }
        return s;
    }

    [Fact]
    public void Local_conditions_shift_the_target_by_their_weight()
    {
        var p = new PracticeParameters { LocalWeight = 0.8 };
        var x = new PracticePressures(17, p.ReferenceAgencyShare, 5, 0.5, 0.5, 0.5, 0, 0, false);
        var w = new WorkforceParameters { CaseloadNorm = 17 };
        Assert.Equal(p.Bias, PracticeStep.TargetLogit(x, p, w), 12);
        Assert.Equal(p.Bias - 0.8 * 1.5, PracticeStep.TargetLogit(x with { Local = -1.5 }, p, w), 12);
        Assert.Equal(p.Bias, PracticeStep.TargetLogit(x with { Local = -1.5 }, p with { LocalWeight = 0 }, w), 12);
    }

    [Fact]
    public void The_draw_that_places_a_council_is_its_lasting_local_conditions()
    {
        var exact = ServiceFactory.Initial(Council, Start, 0, () => new CounterRandom(3));
        Assert.Equal(0, exact.LocalConditions);
        var drawn = ServiceFactory.Initial(Council, Start, 0.1, () => new CounterRandom(3));
        var z = Draw.Normal(new CounterRandom(3), 0, 1);
        Assert.Equal(z, drawn.LocalConditions, 12);
        Assert.Equal(Math.Clamp(0.5 + 0.1 * z, 0.02, 0.98), drawn.Practice.Quality, 12);
    }

    [Fact]
    public void Councils_with_worse_local_conditions_settle_lower_and_the_gap_lasts()
    {
        var p = ModelParameters.Default with { Practice = ModelParameters.Default.Practice with { LocalWeight = 1, Noise = 0 } };
        var s = ServiceFactory.Initial(Council, Start);
        var poor = Run(s with { LocalConditions = -1 }, p, 120);
        var rich = Run(s with { LocalConditions = 1 }, p, 120);
        var none = Run(s, p, 120);
        Assert.True(poor.Practice.Quality < none.Practice.Quality - 0.05, $"{poor.Practice.Quality} against {none.Practice.Quality}");
        Assert.True(rich.Practice.Quality > none.Practice.Quality + 0.05, $"{rich.Practice.Quality} against {none.Practice.Quality}");
    }

    [Fact]
    public void Surges_raise_referrals_and_decay()
    {
        var m = new DemandMultipliers(1.2, 1, 1.1).WithSurge(0.5);
        Assert.Equal(1.8, m.Referrals, 12);
        Assert.Equal(1.5, m.Protection, 12);
        Assert.Equal(1.1, m.Care, 12);
        Assert.Equal(new DemandMultipliers(1.2, 1, 1.1), new DemandMultipliers(1.2, 1, 1.1).WithSurge(0));

        var p = ModelParameters.Default with { Demand = ModelParameters.Default.Demand with { SurgeRate = 12, SurgeSize = 0.5, SurgeMonths = 6 } };
        var s = ServiceFactory.Initial(Council, Start);
        var after = Run(s, p, 1);
        Assert.True(after.Surge > 0, "a surge certain to start did not start");
        var calm = p with { Demand = p.Demand with { SurgeRate = 0 } };
        var later = Run(after, calm, 6);
        Assert.Equal(after.Surge * Math.Exp(-1), later.Surge, 9);
        Assert.Equal(0, Run(s, calm, 24).Surge);
    }

    [Fact]
    public void Mean_surge_size_matches_the_exponential_mean()
    {
        var sum = 0.0;
        const int n = 20_000;
        for (var i = 0; i < n; i++) sum += Draw.Exponential(new CounterRandom((ulong)i + 1), 0.3);
        Assert.InRange(sum / n, 0.29, 0.31);
    }

    [Fact]
    public void An_interim_holds_stability_at_zero_until_a_permanent_director_comes()
    {
        var p = new LeadershipParameters { InterimMonths = 4 };
        var left = LeadershipStep.Leave(new LeadershipState(0.6, 30), p, new CounterRandom(1));
        Assert.Equal(new LeadershipState(0.6, 0) { InterimMonthsLeft = 4 }, left);
        var month = LeadershipStep.Advance(left, 0, 0, p);
        Assert.Equal(0, month.MonthsInPost);
        var immediate = LeadershipStep.Leave(new LeadershipState(0.6, 30), p with { InterimMonths = 0 }, new CounterRandom(1));
        Assert.Equal(LeadershipStep.Appoint(new LeadershipState(0.6, 30), null, p, new CounterRandom(1)), immediate);

        // In the service: the interim counts down and the permanent director starts when it ends.
        var mp = ModelParameters.Default with { Leadership = ModelParameters.Default.Leadership with { InterimMonths = 4, DirectorTurnover = 0 } };
        var s = ServiceFactory.Initial(Council, Start) with { Leadership = left };
        var three = Run(s, mp, 3);
        Assert.Equal(1, three.Leadership.InterimMonthsLeft);
        Assert.Equal(0, three.Leadership.MonthsInPost);
        var four = Run(three, mp, 1);
        Assert.Equal(0, four.Leadership.InterimMonthsLeft);
        Assert.Equal(1, four.Leadership.MonthsInPost);
    }

    [Fact]
    public void Savings_cut_the_budget_growth_only_in_their_years()
    {
        var f = new FinanceParameters { BudgetGrowth = 0.03, SavingsCut = 0.05, SavingsFrom = 2011, SavingsTo = 2019 };
        Assert.Equal(0.03, Budget.Growth(f, 2010), 12);
        Assert.Equal(-0.02, Budget.Growth(f, 2011), 12);
        Assert.Equal(-0.02, Budget.Growth(f, 2019), 12);
        Assert.Equal(0.03, Budget.Growth(f, 2020), 12);
        Assert.Equal(100 * 0.98, Budget.Rebase(100, 0, f, 2015), 12);
        Assert.Equal(0.03, Budget.Growth(f with { SavingsCut = 0 }, 2015), 12);
    }
}

/// <summary>The improvement plan an inadequate judgement sets off, end to end in a small world.</summary>
public class ImprovementPlanTests
{
    private static WorldSetup Failing(double share, params ScheduledInput[] inputs)
    {
        var setup = Worlds.Setup(
            councils: [Worlds.Council("a", 0.05, "2010-06") with { Culture = 0.1, LeadershipQuality = 0.1 }], inputs: inputs, replicates: 2);
        return setup with { Parameters = ModelParameters.Default with { Governance = ModelParameters.Default.Governance with { ImprovementPlanShare = share, ImprovementPlanMonths = 24 } } };
    }

    [Fact]
    public async Task An_inadequate_judgement_sets_off_a_funded_plan_for_its_months()
    {
        var results = await Runs.DirectAsync(Failing(0.04));
        Assert.Equal(Grade.Inadequate, Worlds.Judgements(results).Single().Overall);
        var funded = Assert.Single(Worlds.Events(results, "improvement_funded"), e => e.Replicate == 0);
        var budget = Worlds.Metric(results, Metric.Budget).ToDictionary(m => m.Month, m => m.Value);
        var plan = budget[funded.Month] - budget[funded.Month - 1];
        Assert.InRange(plan, 0.04 * 27 / 12 * 0.9, 0.04 * 27 / 12 * 1.2);   // a share of a base budget of about GBP 27m, a month
        Assert.Empty(Worlds.Events(await Runs.DirectAsync(Failing(0)), "improvement_funded"));
    }

    [Fact]
    public async Task A_scripted_plan_replaces_the_one_the_model_set_off()
    {
        var scripted = Worlds.At("2010-09", Address.Council("a"), new ImprovementFunded(0.6, 12));
        var results = await Runs.DirectAsync(Failing(0.04, scripted));
        var budget = Worlds.Metric(results, Metric.Budget).ToDictionary(m => m.Month.ToString(), m => m.Value);
        var alone = await Runs.DirectAsync(Failing(0, scripted));
        var without = Worlds.Metric(alone, Metric.Budget).ToDictionary(m => m.Month.ToString(), m => m.Value);
        // From the scripted plan on, the budgets agree: only the scripted plan is funded.
        Assert.Equal(without["2010-10"], budget["2010-10"], 9);
        Assert.True(budget["2010-08"] > without["2010-08"] + 0.05);
    }
}
