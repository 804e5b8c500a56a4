using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Service;

namespace Simulation.Tests.Model;

public class WorkforceStepTests
{
    private static readonly WorkforceParameters P = new()
    {
        CaseloadNorm = 17,
        BaseTurnover = 0.12,
        StressTurnover = 1.2,
        ReputationTurnover = 0.4,
        InstabilityTurnover = 0.5,
        DisruptionTurnover = 1.0,
        RecruitmentAtWorstReputation = 0.4,
        RecruitmentAtBestReputation = 1.4,
        CaseloadDeterrence = 0.8,
        AgencyCover = 0.75,
        AgencySurge = 0.3,
        EstablishmentAdjustment = 0.5,
    };

    [Fact]
    public void Leaving_hazard_multiplies_the_pressures()
    {
        // 0.12 a year is 0.01 a month; caseload 25.5 against 17 is 50% over (× 1.6); reputation 0.25
        // is half-way to the worst (× 1.2); instability 0.5 (× 1.25); disruption 0.2 (× 1.2).
        var x = new WorkforcePressures(25.5, 0.25, 0.5, 0.2, 0, false);
        Assert.Equal(0.01 * 1.6 * 1.2 * 1.25 * 1.2, WorkforceStep.LeavingHazard(x, P), 12);
    }

    [Fact]
    public void A_calm_service_loses_its_base_turnover()
    {
        var x = new WorkforcePressures(15, 0.6, 0, 0, 0, false);
        Assert.Equal(0.01, WorkforceStep.LeavingHazard(x, P), 12);
    }

    [Fact]
    public void Attractiveness_follows_reputation_caseload_and_support()
    {
        // Reputation 0.25: 0.4 + (1 − 0.4) × 0.5 = 0.7; 50% excess caseload: e^(−0.4); partner push × 1.3.
        var x = new WorkforcePressures(25.5, 0.25, 0, 0, 0.3, false);
        Assert.Equal(0.7 * Math.Exp(-0.4) * 1.3, WorkforceStep.Attractiveness(x, P, 0.5), 12);
        var good = new WorkforcePressures(10, 0.75, 0, 0, 0, false);
        Assert.Equal(1.2, WorkforceStep.Attractiveness(good, P, 0.5), 12);
        var frozen = good with { RecruitmentFrozen = true };
        Assert.Equal(0.6, WorkforceStep.Attractiveness(frozen, P, 0.5), 12);
    }

    [Fact]
    public void Agency_covers_vacancies_and_part_of_the_shortfall()
    {
        // 20 vacancies × 0.75 = 15; 1,800 cases need 100 at 18 each, 95 are there: 0.3 × 5 = 1.5.
        var p = P with { CaseloadNorm = 18 };
        Assert.Equal(16.5, WorkforceStep.AgencyTarget(100, 80, 1800, p), 12);
    }

    [Fact]
    public void Posts_move_half_way_to_need_but_not_past_the_budget()
    {
        var p = P with { CaseloadNorm = 20 };
        Assert.Equal(105, WorkforceStep.PlanEstablishment(100, 2400, affordablePosts: 110, p), 12);
        Assert.Equal(110, WorkforceStep.PlanEstablishment(100, 2400, affordablePosts: 500, p), 12);
        Assert.Equal(95, WorkforceStep.PlanEstablishment(100, 2400, affordablePosts: 90, p), 12);
    }

    [Fact]
    public void A_month_keeps_people_accounted_for()
    {
        var w = new WorkforceState(150, 120, 20, 5, 0, 0);
        var x = new WorkforcePressures(20, 0.5, 0, 0, 0, false);
        var rng = new CounterRandom(3);
        for (var i = 0; i < 200; i++)
        {
            var next = WorkforceStep.Advance(w, 2500, x, P, 0.5, rng);
            Assert.Equal(w.InPost - next.Leavers + next.Starters, next.InPost);
            Assert.True(next.Starters <= 150 - (w.InPost - next.Leavers));
            Assert.True(next.Agency >= 0);
        }
    }

    [Fact]
    public void Secondment_loses_fewer_staff_than_transfer()
    {
        var g = new GovernanceParameters { TransferLeavers = 0.1, SecondmentLeaverFactor = 0.3 };
        var w = new WorkforceState(150, 1000, 20, 5, 0, 0);
        var rng = new CounterRandom(9);
        double seconded = 0, transferred = 0;
        for (var i = 0; i < 500; i++)
        {
            seconded += w.InPost - WorkforceStep.Transfer(w, true, g, rng).InPost;
            transferred += w.InPost - WorkforceStep.Transfer(w, false, g, rng).InPost;
        }
        Assert.InRange(seconded / 500, 28, 32);
        Assert.InRange(transferred / 500, 97, 103);
    }

    [Fact]
    public void A_market_supplement_follows_the_vacancy_gap_to_its_region_capped_and_lapses_outside_a_market()
    {
        var p = P with { PremiumPerVacancyGap = 1, MaxPayPremium = 0.2, PremiumAdjustment = 0.1 };
        // 10 points above the region's mean: aims for 10%, closes a tenth of the gap a month.
        Assert.Equal(0.01, WorkforceStep.PayPremium(0, 0.26, 0.16, frozen: false, p), 12);
        // Far above: capped at 20%.
        Assert.Equal(0.02, WorkforceStep.PayPremium(0, 0.9, 0.1, frozen: false, p), 12);
        // Below the mean, or outside a market, it lapses; while frozen it is held.
        Assert.Equal(0.09, WorkforceStep.PayPremium(0.1, 0.1, 0.16, frozen: false, p), 12);
        Assert.Equal(0.09, WorkforceStep.PayPremium(0.1, 0.3, null, frozen: false, p), 12);
        Assert.Equal(0.1, WorkforceStep.PayPremium(0.1, 0.3, 0.1, frozen: true, p), 12);
    }

    [Fact]
    public void A_market_supplement_speeds_recruitment()
    {
        var plain = new WorkforcePressures(17, 0.5, 0, 0, 0, false);
        var paying = plain with { PayPremium = 0.1 };
        Assert.Equal(1.2 * WorkforceStep.Attractiveness(plain, P with { PremiumRecruitment = 2 }, 0.5),
            WorkforceStep.Attractiveness(paying, P with { PremiumRecruitment = 2 }, 0.5), 12);
    }
}
