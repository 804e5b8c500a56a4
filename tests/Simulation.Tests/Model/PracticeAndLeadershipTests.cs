using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Service;

namespace Simulation.Tests.Model;

public class PracticeAndLeadershipTests
{
    private static readonly PracticeParameters P = new() { Noise = 0, ImprovementMonths = 30, DeclineMonths = 12, CultureMonths = 48 };
    private static readonly WorkforceParameters W = new() { CaseloadNorm = 17 };

    private static PracticePressures Reference => new(17, P.ReferenceAgencyShare, 5, 0.5, 0.5, 0.5, 0, 0, false);

    [Fact]
    public void At_reference_conditions_the_target_logit_is_the_bias() =>
        Assert.Equal(P.Bias, PracticeStep.TargetLogit(Reference, P, W), 12);

    [Fact]
    public void Each_pressure_moves_the_target_by_its_weight()
    {
        Assert.Equal(P.Bias + P.LeadershipWeight * 0.2, PracticeStep.TargetLogit(Reference with { Leadership = 0.7 }, P, W), 12);
        Assert.Equal(P.Bias - P.CaseloadWeight * 0.5, PracticeStep.TargetLogit(Reference with { EffectiveCaseload = 25.5 }, P, W), 12);
        Assert.Equal(P.Bias - P.AgencyWeight * 0.15, PracticeStep.TargetLogit(Reference with { AgencyShare = 0.3 }, P, W), 12);
        Assert.Equal(P.Bias - P.DisruptionWeight * 0.4, PracticeStep.TargetLogit(Reference with { Disruption = 0.4 }, P, W), 12);
        Assert.Equal(P.Bias - P.FragmentationPenalty, PracticeStep.TargetLogit(Reference with { RunByTrust = true }, P, W), 12);
    }

    [Fact]
    public void Improvement_is_slower_than_decline()
    {
        var s = new PracticeState(0.4, 0.5, 1, 0);
        var up = PracticeStep.Advance(s, 0.7, 0.6, P, new CounterRandom(1));
        Assert.Equal(0.41, up.Quality, 12);                    // 0.4 + 0.3 / 30 at a neutral culture
        Assert.Equal(0.5, up.Culture, 12);                     // already at (0.4 + 0.6) / 2
        var down = PracticeStep.Advance(s with { Quality = 0.6 }, 0.3, 0.6, P, new CounterRandom(1));
        Assert.Equal(0.575, down.Quality, 12);                 // 0.6 − 0.3 / 12
    }

    [Fact]
    public void A_culture_of_failure_slows_improvement()
    {
        var p = P with { CultureResistance = 2 };
        var failing = PracticeStep.Advance(new PracticeState(0.4, 0.3, 1, 0), 0.7, 0.5, p, new CounterRandom(1));
        Assert.Equal(0.4 + 0.3 / (30 * Math.Exp(2 * 0.2)), failing.Quality, 12);
        Assert.Equal(0.3 + (0.45 - 0.3) / 48, failing.Culture, 12);   // towards (0.4 + 0.5) / 2
        var decline = PracticeStep.Advance(new PracticeState(0.6, 0.3, 1, 0), 0.3, 0.5, p, new CounterRandom(1));
        Assert.Equal(0.575, decline.Quality, 12);                     // decline needs no help
    }

    [Fact]
    public void A_clean_break_moves_culture_towards_a_new_organisations()
    {
        var s = PracticeStep.CleanBreak(new PracticeState(0.4, 0.2, 1, 0), 0.5, 0.6);
        Assert.Equal(0.4, s.Culture, 12);
    }

    [Fact]
    public void An_IT_failure_costs_accuracy_and_time_which_then_heal()
    {
        var s = PracticeStep.ItFailure(new PracticeState(0.6, 0.5, 1, 0), 0.8, P with { ItAccuracyLoss = 0.5, ItWorkaroundShare = 0.2 });
        Assert.Equal(0.6, s.RecordsAccuracy, 12);
        Assert.Equal(0.16, s.WorkaroundShare, 12);
        var later = PracticeStep.Advance(s, 0.6, 0.5, P with { ItRecoveryMonths = 10 }, new CounterRandom(1));
        Assert.Equal(0.64, later.RecordsAccuracy, 12);
        Assert.Equal(0.144, later.WorkaroundShare, 12);
    }

    [Fact]
    public void Leadership_learns_under_challenge_and_erodes_without()
    {
        var p = new LeadershipParameters { Learning = 0.24, Erosion = 0.12, OverspendStrain = 0.5 };
        var s = new LeadershipState(0.5, 10);
        // (0.24 × 0.5 × 0.5 − 0.12 × 0.5 × 0.5) / 12 = 0.0025
        var next = LeadershipStep.Advance(s, 0.5, 0, p);
        Assert.Equal(0.5025, next.Quality, 12);
        Assert.Equal(11, next.MonthsInPost);
        // No challenge: −0.12 × 0.5 / 12 = −0.005; a 10% overspend strains a further 0.5 × 0.1 × 0.5 / 12.
        Assert.Equal(0.495 - 0.025 / 12, LeadershipStep.Advance(s, 0, 0.1, p).Quality, 12);
    }

    [Fact]
    public void Effective_leadership_discounts_instability_and_disruption()
    {
        var p = new LeadershipParameters { StabilityMonths = 12, UnstableEffectiveness = 0.6 };
        var discount = 0.6 + 0.4 * (1 - Math.Exp(-1));
        Assert.Equal(0.6 * discount * 0.9 + 0.05, LeadershipStep.Effective(new LeadershipState(0.6, 12), 0.2, 0.05, p), 12);
    }
}
