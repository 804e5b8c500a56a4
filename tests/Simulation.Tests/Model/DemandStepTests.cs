using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Tests.Model;

public class DemandStepTests
{
    private static readonly DemandParameters P = new()
    {
        ReferralConversion = 0.5,
        CinClosureRate = 0.1,
        ProtectionEscalationRate = 0.02,
        ProtectionExitRate = 0.1,
        ProtectionToCareRate = 0.01,
        CareEntryRate = 12,
        CareExitRate = 0.03,
        DriftStrength = 0.4,
    };

    private static readonly CaseStocks Cases = new(1000, 200, 400);

    [Fact]
    public void Expected_flows_match_hand_calculation()
    {
        // 10,000 children referred at 1,200 per 10,000 a year: 100 a month. Quality 0.5 with drift
        // 0.4 slows closures to 0.8 of their good-practice speed.
        var f = DemandStep.Expected(Cases, 10_000, 1200, 0.5, DemandMultipliers.None, P);
        Assert.Equal(100, f.Referrals, 9);
        Assert.Equal(50, f.Opened, 9);
        Assert.Equal(80, f.Closed, 9);            // 1000 × 0.1 × 0.8
        Assert.Equal(18.4, f.Escalated, 9);       // (1000 − 80) × 0.02
        Assert.Equal(16, f.SteppedDown, 9);       // 200 × 0.1 × 0.8
        Assert.Equal(1.84, f.ProtectionToCare, 9); // 200 × (1 − 0.08) × 0.01
        Assert.Equal(1, f.DirectToCare, 9);       // 1 × 12 / 12
        Assert.Equal(12, f.LeftCare, 9);          // 400 × 0.03
    }

    [Fact]
    public void Shocks_scale_the_flows_they_name()
    {
        var m = new DemandMultipliers(1.5, 2, 1.2);
        var f = DemandStep.Expected(Cases, 10_000, 1200, 0.5, m, P);
        Assert.Equal(150, f.Referrals, 9);
        Assert.Equal(36.8, f.Escalated, 9);
        Assert.Equal(2.208, f.ProtectionToCare, 9);
        Assert.Equal(1.2, f.DirectToCare, 9);
    }

    [Fact]
    public void A_shock_ramps_linearly_then_holds()
    {
        var shock = new DemandShock(Month.Parse("2008-11"), 1.2, 1, 1, 4);
        Assert.Equal(1, DemandMultipliers.At([shock], Month.Parse("2008-10")).Referrals, 9);
        Assert.Equal(1.05, DemandMultipliers.At([shock], Month.Parse("2008-11")).Referrals, 9);
        Assert.Equal(1.1, DemandMultipliers.At([shock], Month.Parse("2008-12")).Referrals, 9);
        Assert.Equal(1.2, DemandMultipliers.At([shock], Month.Parse("2009-02")).Referrals, 9);
        Assert.Equal(1.2, DemandMultipliers.At([shock], Month.Parse("2012-02")).Referrals, 9);
    }

    [Fact]
    public void Sampled_step_averages_to_the_expected_flows()
    {
        // Children in need next month = 1000 + 50 − 80 − 18.4 + 16 = 967.6 on average.
        var rng = new CounterRandom(5);
        var cin = 0.0;
        var cp = 0.0;
        var care = 0.0;
        const int n = 4000;
        for (var i = 0; i < n; i++)
        {
            var (next, _) = DemandStep.Advance(Cases, 10_000, 1200, 0.5, DemandMultipliers.None, P, rng);
            cin += next.ChildrenInNeed;
            cp += next.ChildProtection;
            care += next.InCare;
        }
        Assert.InRange(cin / n, 967.6 - 1, 967.6 + 1);
        Assert.InRange(cp / n, 200 + 18.4 - 16 - 1.84 - 0.3, 200 + 18.4 - 16 - 1.84 + 0.3);
        Assert.InRange(care / n, 400 + 1.84 + 1 - 12 - 0.3, 400 + 1.84 + 1 - 12 + 0.3);
    }

    [Fact]
    public void Poor_practice_slows_closures()
    {
        var good = DemandStep.Expected(Cases, 10_000, 1200, 0.9, DemandMultipliers.None, P);
        var poor = DemandStep.Expected(Cases, 10_000, 1200, 0.2, DemandMultipliers.None, P);
        Assert.True(poor.Closed < good.Closed);
        Assert.Equal(1000 * 0.1 * 0.68, poor.Closed, 9);
    }
}
