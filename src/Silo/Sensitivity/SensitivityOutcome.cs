using System.Globalization;
using Simulation.Model.Time;
using Simulation.Silo.Outcomes;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Sensitivity;

/// <summary>
/// An outcome a sensitivity analysis attributes to its parameters: one number per design point,
/// from every history of the point (replicates x councils, pooled).
/// </summary>
public abstract record SensitivityOutcome(string Name, string Meaning)
{
    public const string Help =
        "time_to_good (restricted mean months from the first inadequate judgement to the first good one within 60 months, Kaplan–Meier, censored at the run's end), "
        + "good_within:MONTHS (Kaplan–Meier share good or better within MONTHS of the first inadequate judgement), "
        + "good_at:YYYY-MM (share of histories with a good or outstanding judgement in force that month)";

    /// <summary>The outcome's value for one point's outcomes; NaN when undefined (no council judged inadequate, say).</summary>
    public abstract double Of(OutcomeSet outcomes);

    /// <summary>Parses an outcome's name; null with <paramref name="error"/> when it is not one.</summary>
    public static SensitivityOutcome? Parse(string text, Month start, Month end, out string? error)
    {
        error = null;
        if (text == "time_to_good") return new RestrictedTimeToGood();
        if (text.StartsWith("good_within:", StringComparison.Ordinal))
        {
            if (int.TryParse(text["good_within:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months is > 0 and <= 1200)
                return new GoodWithin(months);
            error = $"'{text}': expected good_within:MONTHS with MONTHS a whole number from 1 to 1200";
            return null;
        }
        if (text.StartsWith("good_at:", StringComparison.Ordinal))
        {
            if (Month.TryParse(text["good_at:".Length..], out var month) && month >= start && month <= end) return new GoodAt(month);
            error = $"'{text}': expected good_at:YYYY-MM with a month from {start} to {end} (the run)";
            return null;
        }
        error = $"'{text}' is not an outcome; expected one of: {Help}";
        return null;
    }

    public override string ToString() => Name;
}

public sealed record RestrictedTimeToGood() : SensitivityOutcome("time_to_good",
    $"restricted mean months from the first inadequate judgement to the first good one within {OutcomeTable.HorizonMonths} months (Kaplan–Meier)")
{
    public override double Of(OutcomeSet outcomes)
    {
        var times = outcomes.Times();
        return times.Count == 0 ? double.NaN : KaplanMeier.Fit(times).RestrictedMean(OutcomeTable.HorizonMonths).Estimate;
    }
}

public sealed record GoodWithin(int Months) : SensitivityOutcome(
    string.Create(CultureInfo.InvariantCulture, $"good_within:{Months}"),
    string.Create(CultureInfo.InvariantCulture, $"share good or better within {Months} months of the first inadequate judgement (Kaplan–Meier)"))
{
    public override double Of(OutcomeSet outcomes)
    {
        var times = outcomes.Times();
        return times.Count == 0 ? double.NaN : 1 - KaplanMeier.Fit(times).SurvivalAt(Months);
    }
}

public sealed record GoodAt(Month Month) : SensitivityOutcome(
    $"good_at:{Month}", $"share of histories with a good or outstanding judgement in force in {Month}")
{
    public override double Of(OutcomeSet outcomes) =>
        outcomes.Rows.Count == 0 ? double.NaN : outcomes.Rows.Count(r => r.GoodOrBetterIn(Month) == true) / (double)outcomes.Rows.Count;
}
