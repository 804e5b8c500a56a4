using System.Globalization;
using System.Text;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Silo.Output;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Outcomes;

/// <summary>One variant's outcomes, with the parameter values that make it the variant (none for a plain run).</summary>
public sealed record VariantOutcomes(string Variant, IReadOnlyList<(string Key, double Value)> Values, OutcomeSet Outcomes);

/// <summary>
/// outcomes.csv (one row per variant, replicate and council) and outcomes-summary.csv (one row per
/// variant and council, and per variant over all councils when there are several): the tables
/// every run and experiment writes, so the standard questions need no hand-written analysis.
/// </summary>
public static class OutcomeTable
{
    public const string FileName = "outcomes.csv";
    public const string SummaryFileName = "outcomes-summary.csv";

    /// <summary>Grade columns (one per shared inspection month) are written only up to this many; beyond it inspections.csv has them.</summary>
    public const int MaxGradeColumns = 24;

    /// <summary>The horizon of "good within" and the restricted mean time to good in the summary, in months (five years).</summary>
    public const int HorizonMonths = 60;

    /// <summary>The pooled row of a summary over several councils.</summary>
    public const string AllCouncils = "all";

    /// <summary>Writes both tables into <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyList<VariantOutcomes> variants)
    {
        File.WriteAllText(Path.Combine(folder, FileName), Rows(variants));
        File.WriteAllText(Path.Combine(folder, SummaryFileName), Summary(variants));
    }

    /// <summary>The shared inspection months that get a grade column: their union over variants and councils, if few enough.</summary>
    public static IReadOnlyList<Month> GradeMonths(IReadOnlyList<VariantOutcomes> variants)
    {
        var months = variants.SelectMany(v => v.Outcomes.SharedInspections().Values.SelectMany(m => m)).Distinct().Order().ToList();
        return months.Count <= MaxGradeColumns ? months : [];
    }

    private static IReadOnlyList<string> Keys(IReadOnlyList<VariantOutcomes> variants) =>
        [.. variants.SelectMany(v => v.Values.Select(x => x.Key)).Distinct()];

    private static string Value(VariantOutcomes v, string key) =>
        v.Values.FirstOrDefault(x => x.Key == key) is { Key: not null } x ? x.Value.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string Rows(IReadOnlyList<VariantOutcomes> variants)
    {
        var keys = Keys(variants);
        var gradeMonths = GradeMonths(variants);
        var sb = new StringBuilder("variant,replicate,council");
        foreach (var k in keys) sb.Append(',').Append(Csv.Field(k));
        sb.Append(",first_inadequate,months_to_good,censored,months_good_or_better,months_judged,spend_to_budget,mean_agency_share,grade_at_end");
        foreach (var m in gradeMonths) sb.Append(CultureInfo.InvariantCulture, $",grade_{m.Year:0000}_{m.CalendarMonth:00}");
        sb.Append('\n');
        foreach (var v in variants)
        {
            var values = string.Concat(keys.Select(k => "," + Value(v, k)));
            foreach (var r in v.Outcomes.Rows)
            {
                sb.Append(Csv.Field(v.Variant)).Append(',').Append(r.Replicate.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv.Field(r.Council))
                    .Append(values).Append(',')
                    .Append(r.FirstInadequate?.ToString() ?? "").Append(',')
                    .Append(r.TimeToGood is { } t ? Csv.Number(t.Time) : "").Append(',')
                    .Append(r.Censored is { } c ? (c ? "1" : "0") : "").Append(',')
                    .Append(r.MonthsGoodOrBetter.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(r.MonthsJudged.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(Csv.Number(r.SpendToBudget)).Append(',')
                    .Append(Csv.Number(r.MeanAgencyShare)).Append(',')
                    .Append(r.InForceAtEnd is { } end ? Frameworks.Label(end.Overall, end.Framework) : "");
                foreach (var m in gradeMonths)
                {
                    var j = r.Judgements.LastOrDefault(x => x.Month == m);
                    sb.Append(',').Append(j is null ? "" : Frameworks.Label(j.Overall, j.Framework));
                }
                sb.Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>One summary row: a variant and a council (or all of them).</summary>
    public sealed record SummaryRow(
        string Variant, string Council, int Replicates, int Histories, KaplanMeier? TimeToGood, double FollowUp, int GoodAtEnd,
        double MeanMonthsGoodOrBetter, double MeanSpendToBudget, double MeanAgencyShare)
    {
        public double ShareGoodAtEnd => Histories == 0 ? double.NaN : GoodAtEnd / (double)Histories;

        /// <summary>The Kaplan–Meier share good within the horizon, NaN when follow-up ends before it.</summary>
        public double GoodWithinHorizon => TimeToGood is { } km && FollowUp >= HorizonMonths ? 1 - km.SurvivalAt(HorizonMonths) : double.NaN;

        /// <summary>The restricted mean months to good within the horizon, NaN when follow-up ends before it.</summary>
        public double RestrictedMean => TimeToGood is { } km && FollowUp >= HorizonMonths ? km.RestrictedMean(HorizonMonths).Estimate : double.NaN;
    }

    public static IReadOnlyList<SummaryRow> SummaryRows(IReadOnlyList<VariantOutcomes> variants)
    {
        var rows = new List<SummaryRow>();
        foreach (var v in variants)
        {
            var groups = v.Outcomes.Councils.Select(c => (Name: c, Rows: v.Outcomes.Rows.Where(r => r.Council == c).ToList())).ToList();
            if (v.Outcomes.Councils.Count > 1) groups.Add((AllCouncils, [.. v.Outcomes.Rows]));
            foreach (var (name, list) in groups)
            {
                var times = list.Where(r => r.TimeToGood is not null).Select(r => r.TimeToGood!.Value).ToList();
                rows.Add(new SummaryRow(v.Variant, name, v.Outcomes.Replicates, list.Count,
                    times.Count == 0 ? null : KaplanMeier.Fit(times), times.Count == 0 ? 0 : times.Max(t => t.Time),
                    list.Count(r => r.InForceAtEnd is { Overall: >= Grade.Good }),
                    list.Count == 0 ? double.NaN : list.Average(r => (double)r.MonthsGoodOrBetter),
                    Mean(list.Select(r => r.SpendToBudget)), Mean(list.Select(r => r.MeanAgencyShare))));
            }
        }
        return rows;
    }

    private static double Mean(IEnumerable<double> values) =>
        values.Where(double.IsFinite).ToList() is { Count: > 0 } v ? v.Average() : double.NaN;

    public static string Summary(IReadOnlyList<VariantOutcomes> variants)
    {
        var keys = Keys(variants);
        var byVariant = variants.ToDictionary(v => v.Variant);
        var sb = new StringBuilder("variant,council");
        foreach (var k in keys) sb.Append(',').Append(Csv.Field(k));
        sb.Append(",replicates,histories,judged_inadequate,reached_good,censored,median_months_to_good,median_low_95,median_high_95,")
            .Append(CultureInfo.InvariantCulture, $"good_within_{HorizonMonths}_months,restricted_mean_months_to_good_{HorizonMonths},")
            .Append("good_or_better_at_end,good_or_better_at_end_low_95,good_or_better_at_end_high_95,mean_months_good_or_better,mean_spend_to_budget,mean_agency_share\n");
        foreach (var r in SummaryRows(variants))
        {
            var km = r.TimeToGood;
            var median = km?.Median() ?? (double.NaN, double.NaN, double.NaN);
            var (low, high) = r.Histories == 0 ? (double.NaN, double.NaN) : Plots.Comparison.Wilson(r.ShareGoodAtEnd, r.Histories);
            sb.Append(Csv.Field(r.Variant)).Append(',').Append(Csv.Field(r.Council))
                .Append(string.Concat(keys.Select(k => "," + Value(byVariant[r.Variant], k))))
                .Append(CultureInfo.InvariantCulture, $",{r.Replicates},{r.Histories},{km?.Count ?? 0},{km?.Events ?? 0},{(km?.Count ?? 0) - (km?.Events ?? 0)},")
                .Append(Csv.Number(median.Item1)).Append(',').Append(Bound(median.Item2)).Append(',').Append(Bound(median.Item3)).Append(',')
                .Append(Csv.Number(r.GoodWithinHorizon)).Append(',').Append(Csv.Number(r.RestrictedMean)).Append(',')
                .Append(Csv.Number(r.ShareGoodAtEnd)).Append(',').Append(Csv.Number(low)).Append(',').Append(Csv.Number(high)).Append(',')
                .Append(Csv.Number(r.MeanMonthsGoodOrBetter)).Append(',').Append(Csv.Number(r.MeanSpendToBudget)).Append(',').Append(Csv.Number(r.MeanAgencyShare))
                .Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>A confidence bound: empty when undefined, <c>inf</c> when the curve never falls far enough to close the interval.</summary>
    public static string Bound(double x) => double.IsPositiveInfinity(x) ? "inf" : Csv.Number(x);
}
