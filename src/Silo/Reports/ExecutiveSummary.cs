using System.Globalization;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Silo.Plots;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Reports;

/// <summary>
/// The few sentences at the top of a report: the run's (or comparison's) main results with their
/// numbers, generated from its summary and nothing else, each hedged as what it is (a share of
/// simulated histories under the model's assumptions). Shares are in percent.
/// </summary>
public static class ExecutiveSummary
{
    private static string I(FormattableString text) => FormattableString.Invariant(text);

    private static string P(double share) => double.IsFinite(share) ? share.ToString("0%", CultureInfo.InvariantCulture) : "n/a";

    private static string Points(double difference) => (difference * 100).ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static string Pp(double difference) => Points(difference) + " percentage points";

    /// <summary>The last December of the run in which every replicate has a council judged (the run's last month if none).</summary>
    private static int LastDecember(RunSummary summary)
    {
        for (var i = summary.Months.Count - 1; i >= 0; i--)
        {
            if (summary.Months[i].CalendarMonth == 12 && summary.Tallies[i].All(t => t.Judged > 0)) return i;
        }
        return summary.Months.Count - 1;
    }

    private static string When(Month m) => m.CalendarMonth == 12
        ? $"December {m.Year}"
        : new DateTime(m.Year, m.CalendarMonth, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The sentences for one run.</summary>
    public static IReadOnlyList<string> Run(Scenario scenario, RunSummary summary)
    {
        var s = scenario.Setup;
        var r = summary.Replicates;
        var sentences = new List<string>
        {
            I($"These results summarise {r} simulated histories (replicates) of the scenario '{scenario.Name}' from {When(s.Start)} to {When(s.End)}, seed {s.Seed}. ")
                + "Judgements are not inputs: they emerge when the simulated inspector samples the simulated service, so every share below is a share of replicates "
                + "under the model's assumptions, not a prediction of what Ofsted would find.",
        };
        if (scenario.Observed is { } observed)
        {
            sentences[0] += $" The exception: the run is conditioned on the recorded judgements up to {When(observed.Until)}, so up to then its judgements at recorded inspections are the recorded ones.";
        }
        if (summary.Months.Count == 0) return sentences;
        var d = LastDecember(summary);
        var month = summary.Months[d];
        if (summary.Councils.Count >= National.MinCouncils)
        {
            Nationally(sentences, summary, d, month);
        }
        else if (summary.Councils.Count == 1)
        {
            OneCouncil(sentences, scenario, summary, summary.Councils[0], d, month);
        }
        else
        {
            foreach (var c in summary.Councils.Take(4))
            {
                var shares = c.GradeShares[d].Shares;
                var trust = Enumerable.Range(0, r).Count(c.EverTrust) / (double)r;
                sentences.Add(I(
                    $"{c.Name}: a good or outstanding judgement in force in December {month.Year} in {P(shares[(int)Grade.Good] + shares[(int)Grade.Outstanding])} of replicates, an inadequate one in {P(shares[(int)Grade.Inadequate])}; ")
                    + (trust > 0 ? I($"its service had been moved to a trust by {When(s.End)} in {P(trust)}.") : "no replicate moved its service to a trust."));
            }
            if (summary.Councils.Count > 4) sentences.Add($"The other {summary.Councils.Count - 4} councils are in the figures and tables below.");
        }
        return sentences;
    }

    private static void OneCouncil(List<string> sentences, Scenario scenario, RunSummary summary, CouncilSummary c, int d, Month month)
    {
        var r = summary.Replicates;
        double Good(int i) => c.GradeShares[i].Shares[(int)Grade.Good] + c.GradeShares[i].Shares[(int)Grade.Outstanding];
        var shares = c.GradeShares[d].Shares;
        var peak = Enumerable.Range(0, summary.Months.Count).Where(i => summary.Months[i].CalendarMonth == 12)
            .OrderByDescending(Good).ThenBy(i => i).FirstOrDefault(d);
        var sentence = string.Create(CultureInfo.InvariantCulture,
            $"In {P(Good(d))} of the {r} replicates {c.Name} had a good or outstanding judgement in force in December {month.Year}, and in {P(shares[(int)Grade.Inadequate])} an inadequate one");
        if (peak != d && Good(peak) > Good(d)) sentence += string.Create(CultureInfo.InvariantCulture, $"; the share good or better was highest in December {summary.Months[peak].Year} ({P(Good(peak))})");
        sentences.Add(sentence + ".");

        // The arrangement most replicates were under: when a trust first ran the service, and until when.
        var trustMonths = Enumerable.Range(0, c.Arrangements.Count).Where(i => c.Arrangements[i].Arrangement.RunByTrust()).ToList();
        var ever = Enumerable.Range(0, r).Count(c.EverTrust) / (double)r;
        if (trustMonths.Count > 0)
        {
            var from = summary.Months[trustMonths[0]];
            var to = summary.Months[trustMonths[^1]];
            sentences.Add(to == summary.Months[^1]
                ? $"In most replicates a trust ran the service from {When(from)} to the end of the run ({P(ever)} of replicates had moved it to a trust by then)."
                : $"In most replicates a trust ran the service from {When(from)} to {When(to)} ({P(ever)} of replicates had moved it to a trust by the end of the run).");
        }
        else if (ever > 0)
        {
            sentences.Add($"{P(ever)} of replicates had moved the service to a trust by {When(summary.Months[^1])}.");
        }

        // Documented judgements: how often the grade most replicates were given matches.
        var documented = scenario.Documented.Where(j => j.Council == c.Id).ToList();
        var compared = documented.Select(j => (j.Overall, Given: c.Inspections.Where(i => i.Judgement.Month == j.Month).Select(i => i.Judgement.Overall).ToList()))
            .Where(x => x.Given.Count * 2 >= r).ToList();
        if (compared.Count > 0)
        {
            var matched = compared.Count(x => x.Given.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key == x.Overall);
            sentences.Add($"At {matched} of the {compared.Count} documented inspections most replicates also inspected, the grade most replicates were given matched the documented judgement.");
        }

        if (c.HasBands(Model.World.Metric.CaseloadPerWorker) && c.Bands(Model.World.Metric.CaseloadPerWorker) is { Count: > 0 } caseload
            && double.IsFinite(caseload[0].P50) && double.IsFinite(caseload[^1].P50))
        {
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"The median caseload per social worker (FTE) across replicates went from {caseload[0].P50:0.0} in {When(summary.Months[0])} to {caseload[^1].P50:0.0} in {When(summary.Months[^1])}."));
        }
    }

    private static void Nationally(List<string> sentences, RunSummary summary, int d, Month month)
    {
        var (inadequate, good) = summary.National[d];
        sentences.Add(I(
            $"In December {month.Year}, a median of {P(good.P50)} of the {summary.Councils.Count} councils judged so far had a good or outstanding judgement in force ")
            + I($"(90% of replicates between {P(good.P05)} and {P(good.P95)}), and {P(inadequate.P50)} an inadequate one."));
        var published = National.Published
            .Where(p => p.GoodOrBetter is not null && summary.Months.Contains(p.Month)).LastOrDefault();
        if (published.GoodOrBetter is { } share)
        {
            var simulated = summary.National[summary.Months.IndexOf(published.Month)].GoodOrBetter;
            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"NATIONAL.md records {P(share)} of councils good or outstanding in {When(published.Month)}; the simulated median for that month is {P(simulated.P50)}."));
        }
        var trusts = Band.OfAll(summary.Tallies[^1].Select(t => Tally.ShareOf(t.EverTrust, summary.Councils.Count)));
        sentences.Add(string.Create(CultureInfo.InvariantCulture,
            $"By {When(summary.Months[^1])} a median of {P(trusts.P50)} of councils had had their service moved to a trust."));
    }

    /// <summary>The sentences for a comparison, from its tables of differences each December.</summary>
    public static IReadOnlyList<string> Comparison(IReadOnlyList<ResultRun> runs, ComparisonScope scope, IReadOnlyList<DifferenceRow> rows, IReadOnlyList<DifferenceRow> trusts)
    {
        var replicates = runs.Select(r => r.Replicates).Distinct().ToList();
        var sentences = new List<string>
        {
            I($"This compares {runs.Count} runs ({string.Join(", ", runs.Select(r => r.Label))}) of ")
                + (replicates.Count == 1 ? I($"{replicates[0]} replicates each") : $"{string.Join(", ", replicates)} replicates")
                + $" for {(scope.IsNational ? scope.Name(runs) : $"the council {scope.Name(runs)}")}. "
                + "Judgements emerge from each run's simulated service, so differences are between simulated worlds under the model's assumptions, not measured effects; "
                + $"the first run, {runs[0].Label}, is the baseline.",
        };
        var what = scope.IsNational ? "the mean share of judged councils with a good or outstanding judgement in force" : "the share of replicates with a good or outstanding judgement in force";
        Describe(sentences, rows, what);
        Describe(sentences, trusts, scope.IsNational ? "the mean share of councils moved to a trust" : "the share of replicates in which the service had been moved to a trust", largest: false);
        return sentences;
    }

    private static void Describe(List<string> sentences, IReadOnlyList<DifferenceRow> rows, string what, bool largest = true)
    {
        if (rows.Count == 0) return;
        var last = rows.Select(r => r.Month).Max(StringComparer.Ordinal)!;
        var atLast = rows.Where(r => r.Month == last).ToList();
        var year = last[..4];
        var parts = atLast.Select(r => r.Difference is { } diff
            ? string.Create(CultureInfo.InvariantCulture, $"{P(r.Share)} in {r.Run} ({Pp(diff)}{(r.DiffLow is { } l && r.DiffHigh is { } h && double.IsFinite(l) ? $"; 95% interval {Points(l)} to {Pp(h)}" : "")})")
            : $"{P(r.Share)} in {r.Run}");
        sentences.Add($"In December {year}, {what} was {string.Join(", ", parts)}.");
        if (!largest) return;
        var biggest = rows.Where(r => r.Difference is not null).OrderByDescending(r => Math.Abs(r.Difference!.Value)).ThenBy(r => r.Month, StringComparer.Ordinal).FirstOrDefault();
        if (biggest is { Difference: { } largestDifference } && biggest.Month != last)
        {
            sentences.Add($"The largest difference from the first run was in December {biggest.Month[..4]}: {Pp(largestDifference)} ({biggest.Run}).");
        }
    }
}
