using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Randomness;

namespace Simulation.Model.Service;

/// <summary>
/// Leadership: quality that erodes without challenge and grows with it (loops B1, B2), stability
/// that builds after a change of director, and directors who come and go.
/// </summary>
public static class LeadershipStep
{
    public static double Stability(int monthsInPost, LeadershipParameters p) =>
        1 - Math.Exp(-monthsInPost / p.StabilityMonths);

    /// <summary>Leadership as it acts on practice: quality discounted by instability and disruption, plus partner support.</summary>
    public static double Effective(LeadershipState s, double disruption, double support, LeadershipParameters p)
    {
        var stability = Stability(s.MonthsInPost, p);
        var discount = p.UnstableEffectiveness + (1 - p.UnstableEffectiveness) * stability;
        return Math.Clamp(s.Quality * discount * (1 - 0.5 * disruption) + support, 0, 1);
    }

    /// <summary>
    /// One month of learning under challenge, erosion without it (less where the leaders have
    /// nothing but this service to attend to: <paramref name="focus"/>), and strain from overspend.
    /// </summary>
    public static LeadershipState Advance(LeadershipState s, double challenge, double overspendShare, LeadershipParameters p, double focus = 0)
    {
        var c = Math.Clamp(challenge, 0, 1);
        var change = p.Learning * c * (1 - s.Quality)
            - p.Erosion * (1 - Math.Clamp(focus, 0, 1)) * (1 - c) * s.Quality
            - p.OverspendStrain * Math.Max(0, overspendShare) * s.Quality;
        // Under interim cover no stability builds.
        return s with { Quality = Math.Clamp(s.Quality + change / 12, 0.01, 1), MonthsInPost = s.InterimMonthsLeft > 0 ? 0 : s.MonthsInPost + 1 };
    }

    public static bool DirectorLeaves(Grade? lastGrade, LeadershipParameters p, CounterRandom rng)
    {
        var perYear = p.DirectorTurnover * (lastGrade == Grade.Inadequate ? p.DirectorTurnoverWhenInadequate : 1);
        return Draw.Chance(rng, perYear / 12);
    }

    /// <summary>
    /// The director leaves: a permanent successor is appointed at once, or, with
    /// <c>leadership.interim_months</c>, an interim covers the post that long (no stability builds)
    /// and the permanent director comes after it.
    /// </summary>
    public static LeadershipState Leave(LeadershipState current, LeadershipParameters p, CounterRandom rng)
    {
        var interim = (int)Math.Round(p.InterimMonths);
        return interim > 0 ? current with { MonthsInPost = 0, InterimMonthsLeft = interim } : Appoint(current, null, p, rng);
    }

    /// <summary>
    /// A new director. When the scenario states the new leadership's quality it is taken as given;
    /// otherwise a director is drawn from the market and moves the team part of the way
    /// (<see cref="LeadershipParameters.DirectorInfluence"/>) towards their own quality.
    /// </summary>
    public static LeadershipState Appoint(LeadershipState current, double? quality, LeadershipParameters p, CounterRandom rng)
    {
        var q = quality ?? current.Quality
            + p.DirectorInfluence * (Draw.BetaMeanSd(rng, p.NewDirectorMean, p.NewDirectorSd) - current.Quality);
        return new LeadershipState(Math.Clamp(q, 0.01, 1), 0);
    }
}
