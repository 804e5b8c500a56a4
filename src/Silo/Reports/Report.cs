using System.Globalization;
using System.Net;
using System.Text;
using Simulation.Model.Inspection;
using Simulation.Scenarios;
using Simulation.Silo.Plots;

namespace Simulation.Silo.Reports;

/// <summary>
/// report.html: one self-contained page (figures embedded as data, no network, no external
/// scripts or styles) for a run or a comparison, to read, print or send.
/// </summary>
public static class Report
{
    public const string FileName = "report.html";

    private const string Style = """
        body { font-family: "DejaVu Serif", Georgia, serif; max-width: 1240px; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
        .meta { color: #444; } figure { margin: 1.5em 0; } figure img { width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: 0.9em; color: #333; }
        table { border-collapse: collapse; font-size: 0.9em; margin: 1em 0; } th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f3f3f3; }
        .summary { background: #f4f7fb; border-left: 4px solid #0072B2; padding: 0.6em 1em; }
        pre { background: #f7f7f7; padding: 1em; overflow-x: auto; font-size: 0.8em; }
        """;

    /// <summary>Marks the page with how many of its images decoded, so a test (or a reader) can tell.</summary>
    private const string SelfCheck = """
        window.addEventListener("load", function () {
          var images = document.images, ok = 0;
          for (var i = 0; i < images.length; i++) { if (images[i].complete && images[i].naturalWidth > 0) ok++; }
          document.body.setAttribute("data-images", ok + "/" + images.length);
        });
        """;

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string Percent(double x) => x.ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>A difference between two shares, in percentage points.</summary>
    private static string Points(double x) => (x * 100).ToString("+0;-0;0", CultureInfo.InvariantCulture);

    /// <summary>The convention every report states once: shares in percent, differences between shares in percentage points.</summary>
    private const string ShareConvention = "Shares are given in percent throughout (differences between shares in percentage points, pp).";

    private static void Summary(StringBuilder sb, IReadOnlyList<string> sentences)
    {
        sb.Append("<section class=\"summary\" id=\"summary\"><h2>Summary</h2>\n<p>");
        sb.Append(E(string.Join(" ", sentences)));
        sb.Append("</p>\n<p class=\"meta\">").Append(E(ShareConvention)).Append("</p></section>\n");
    }

    private static void Begin(StringBuilder sb, string title)
    {
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append(Style).Append("</style></head>\n<body>\n");
    }

    private static void End(StringBuilder sb) =>
        sb.Append("<script>").Append(SelfCheck).Append("</script>\n</body></html>\n");

    private static void Figure(StringBuilder sb, string folder, string name, string caption)
    {
        var png = Path.Combine(folder, Figures.Folder, $"{name}.png");
        sb.Append("<figure><img alt=\"").Append(E(caption)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(File.ReadAllBytes(png))).Append("\"><figcaption>").Append(E(caption))
            .Append(" (also <code>").Append(E($"{Figures.Folder}/{name}.svg")).Append("</code> for print)</figcaption></figure>\n");
    }

    /// <summary>The report of one run, written into its folder after its figures.</summary>
    public static void WriteRun(string folder, Scenario scenario, RunSummary summary, string manifestJson, Outcomes.VariantOutcomes? outcomes = null)
    {
        var sb = new StringBuilder();
        var s = scenario.Setup;
        Begin(sb, $"{scenario.Name}: simulation report");
        sb.Append("<h1>").Append(E(scenario.Name)).Append("</h1>\n<p>").Append(E(scenario.Description)).Append("</p>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">{s.Start} to {s.End}; {s.Replicates} replicates, seed {s.Seed}; scenario file <code>{E(scenario.Path)}</code>. Judgements are never inputs: each emerges from the simulated service when the inspector inspects.</p>\n");
        Summary(sb, outcomes is null ? ExecutiveSummary.Run(scenario, summary) : [.. ExecutiveSummary.Run(scenario, summary), .. TimeToGoodFinding(outcomes)]);

        if (Figures.NationalFigure(scenario, summary) is { } national)
        {
            sb.Append("<h2>National</h2>\n");
            Figure(sb, folder, national.Name, national.Caption);
        }
        if (!Figures.DrawsCouncils(summary.Councils.Count))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"<p>{summary.Councils.Count} councils: more than {Figures.MaxCouncilFigures}, so no per-council figures are drawn. The tables hold every council.</p>\n");
        }
        foreach (var council in Figures.Drawn(summary))
        {
            sb.Append("<h2>").Append(E(council.Name)).Append("</h2>\n");
            foreach (var f in Figures.CouncilFigures(scenario, summary, council)) Figure(sb, folder, f.Name, f.Caption);

            // Judgements by inspection month: the share of replicates given each grade.
            var byMonth = council.Inspections.GroupBy(i => i.Judgement.Month).OrderBy(g => g.Key).ToList();
            var fixedMonths = byMonth.Where(g => g.Count() * 2 >= summary.Replicates).ToList();
            if (fixedMonths.Count > 0)
            {
                sb.Append("<h3>Judgements at the inspections most replicates share</h3>\n<table><tr><th>month</th><th>inspected</th><th>inadequate</th><th>requires improvement / adequate</th><th>good</th><th>outstanding</th><th>documented</th></tr>\n");
                foreach (var g in fixedMonths)
                {
                    var n = g.Count();
                    string Share(Grade grade) => Percent(g.Count(i => i.Judgement.Overall == grade) / (double)n);
                    var documented = scenario.Documented.FirstOrDefault(d => d.Council == council.Id && d.Month == g.Key);
                    sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{g.Key}</td><td class=\"n\">{n}</td><td class=\"n\">{Share(Grade.Inadequate)}</td><td class=\"n\">{Share(Grade.RequiresImprovement)}</td><td class=\"n\">{Share(Grade.Good)}</td><td class=\"n\">{Share(Grade.Outstanding)}</td><td>{E(documented is null ? "" : Grades.DisplayName(documented.Overall, documented.Month))}</td></tr>\n");
                }
                sb.Append("</table>\n");
            }
            if (outcomes is not null) TimeToGoodSentence(sb, outcomes.Outcomes.Times(council.Id), "replicates");
        }
        if (outcomes is not null) TimeToGoodSection(sb, folder, outcomes);

        if (scenario.Setup.Posterior is not null) ParametersAndChance(sb, scenario, summary);

        var backtest = Backtest.BacktestReport.Html(folder, (name, caption) =>
        {
            var part = new StringBuilder();
            Figure(part, folder, name, caption);
            return part.ToString();
        });
        if (backtest is not null) sb.Append(backtest);

        sb.Append("<h2>Events</h2>\n<table><tr><th>month</th><th>event (scenario id)</th><th>type</th><th>council</th><th>source</th></tr>\n");
        var names = scenario.Setup.Councils.ToDictionary(c => c.Id, c => string.IsNullOrEmpty(c.Name) ? c.Id : c.Name, StringComparer.Ordinal);
        foreach (var e in scenario.Events)
        {
            var council = e.Council is { Length: > 0 } id ? names.GetValueOrDefault(id, id) : "";
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Month}</td><td><code>{E(e.Id)}</code></td><td>{E(EventType.DisplayName(e.Type))}</td><td>{E(council)}</td><td>{E(e.Source ?? e.Note)}</td></tr>\n");
        }
        sb.Append("</table>\n<h2>Manifest</h2>\n<pre>").Append(E(manifestJson)).Append("</pre>\n");
        End(sb);
        File.WriteAllText(Path.Combine(folder, FileName), sb.ToString());
    }

    /// <summary>The executive summary's sentence on the time to good, pooled over the run's councils (Kaplan–Meier).</summary>
    private static IEnumerable<string> TimeToGoodFinding(Outcomes.VariantOutcomes outcomes)
    {
        var times = outcomes.Outcomes.Times();
        if (times.Count == 0) yield break;
        var km = Statistics.KaplanMeier.Fit(times);
        var (median, low, high) = km.Median();
        var who = outcomes.Outcomes.Councils.Count > 1 ? "council histories (councils x replicates)" : "replicates";
        yield return string.Create(CultureInfo.InvariantCulture,
            $"Of the {km.Count} {who} judged inadequate at some point, {km.Events} ({Percent(km.Events / (double)km.Count)}) were later judged good or better within the run; ")
            + (double.IsNaN(median) ? "fewer than half got there, so the median time to good is beyond the run (Kaplan–Meier, censored at its end)."
                : "the median time from the first inadequate judgement to the first good one was " + Outcomes.TimeToGoodTable.Median(median, low, high) + " (Kaplan–Meier, censored at the run's end).");
    }

    /// <summary>One sentence on the time to good of a council's histories (Kaplan–Meier, censored at the run's end).</summary>
    private static void TimeToGoodSentence(StringBuilder sb, IReadOnlyList<Statistics.SurvivalTime> times, string who)
    {
        if (times.Count == 0) return;
        var km = Statistics.KaplanMeier.Fit(times);
        var (median, low, high) = km.Median();
        sb.Append("<p>").Append(E(string.Create(CultureInfo.InvariantCulture,
            $"{km.Count} {who} were judged inadequate at least once; {km.Events} of them ({Percent(km.Events / (double)km.Count)}) were later judged good or better within the run, "
            + $"and {km.Count - km.Events} had not been when it ended (censored). Median time from the first inadequate judgement to the first good one (Kaplan–Meier): ")
            + Outcomes.TimeToGoodTable.Median(median, low, high) + ".")).Append("</p>\n");
    }

    /// <summary>Months as years for the time-to-good tables: "beyond the run" for an interval the curve never closes, "not reached" for none.</summary>
    private static string Years(double months) =>
        double.IsPositiveInfinity(months) ? "beyond the run" : double.IsFinite(months) ? (months / 12).ToString("0.0", CultureInfo.InvariantCulture) : "not reached";

    /// <summary>The run's time to good as survival analysis: the Kaplan–Meier figure and a table per council (and all).</summary>
    private static void TimeToGoodSection(StringBuilder sb, string folder, Outcomes.VariantOutcomes outcomes)
    {
        sb.Append("<h2>Time to good</h2>\n");
        if (outcomes.Outcomes.Times().Count == 0)
        {
            sb.Append("<p>No council was judged inadequate in any replicate, so there is no time to good to report.</p>\n");
            return;
        }
        sb.Append("<p class=\"meta\">").Append(E(string.Create(CultureInfo.InvariantCulture,
            $"From each council's first inadequate judgement to its first good or outstanding one, in every replicate judged inadequate; a history still waiting when the run ends is censored there, "
            + $"not counted as a failure or left out (Kaplan–Meier). Intervals: Greenwood's variance on the log(−log) scale; the median's by Brookmeyer and Crowley. "
            + $"Good within {Outcomes.OutcomeTable.HorizonMonths / 12} years and the restricted mean time to good (the mean time, counting a history not good by then as {Outcomes.OutcomeTable.HorizonMonths / 12} years) "
            + $"are given when the run follows histories that long. Also in time-to-good.csv and outcomes-summary.csv."))).Append("</p>\n");
        if (File.Exists(Path.Combine(folder, Figures.Folder, Outcomes.TimeToGoodTable.FigureName + ".png")))
        {
            Figure(sb, folder, Outcomes.TimeToGoodTable.FigureName, "Time from the first inadequate judgement to the first good one: Kaplan–Meier share judged good or better by then, with pointwise 95% intervals; dots mark medians.");
        }
        sb.Append("<table><tr><th>council</th><th>judged inadequate</th><th>reached good</th><th>censored</th><th>median (years)</th><th>95% interval</th>")
            .Append(string.Create(CultureInfo.InvariantCulture, $"<th>good within {Outcomes.OutcomeTable.HorizonMonths / 12} years</th><th>restricted mean (years)</th></tr>\n"));
        foreach (var row in Outcomes.OutcomeTable.SummaryRows([outcomes]).Where(r => r.TimeToGood is not null))
        {
            var km = row.TimeToGood!;
            var (median, low, high) = km.Median();
            var interval = double.IsNaN(median) && double.IsNaN(low) ? "" : $"{Years(low)} to {Years(high)}";
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{E(row.Council)}</td><td class=\"n\">{km.Count}</td><td class=\"n\">{km.Events}</td><td class=\"n\">{km.Count - km.Events}</td><td class=\"n\">{Years(median)}</td>"
                + $"<td class=\"n\">{interval}</td>"
                + $"<td class=\"n\">{(double.IsFinite(row.GoodWithinHorizon) ? Percent(row.GoodWithinHorizon) : "run too short")}</td>"
                + $"<td class=\"n\">{(double.IsFinite(row.RestrictedMean) ? (row.RestrictedMean / 12).ToString("0.0", CultureInfo.InvariantCulture) : "run too short")}</td></tr>\n"));
        }
        sb.Append("</table>\n");
    }

    /// <summary>
    /// For a run with a posterior: how much of the spread across replicates of the share of councils
    /// good or better comes from the parameters (the particle each replicate drew) and how much from
    /// chance, at a few Decembers (<see cref="Statistics.VarianceSplit"/>).
    /// </summary>
    private static void ParametersAndChance(StringBuilder sb, Scenario scenario, RunSummary summary)
    {
        var setup = scenario.Setup;
        var posterior = setup.Posterior!;
        var particle = Enumerable.Range(0, setup.Replicates).Select(setup.ParticleIndexFor).ToArray();
        // Replicates are grouped by the parameter set they ran: particles with the same values (a
        // posterior from ABC-SMC repeats particles) are one group, the first of them standing for all.
        var group = particle.Select(i => posterior.Sets.IndexOf(posterior.Sets[i])).ToArray();
        var drawn = particle.Distinct().Count();
        var sets = group.Distinct().Count();
        var mode = Scenarios.ScenarioLoader.PosteriorModeName(posterior.Mode);
        var repeated = sets == drawn ? ""
            : string.Create(CultureInfo.InvariantCulture, $", {sets} distinct parameter set{(sets == 1 ? "" : "s")} (particles with the same values count as one below)");
        sb.Append("<h2>Parameters and chance</h2>\n<p>").Append(E(string.Create(CultureInfo.InvariantCulture,
            $"The replicates took their parameters from the posterior {scenario.Posterior!.File} ({posterior.Particles.Length} particles, mode {mode}): "
            + $"{setup.Replicates} replicates ran {drawn} distinct particle{(drawn == 1 ? "" : "s")}{repeated} (parameters.csv). ")));
        var dates = ReportDates(summary);
        if (sets == 1 || dates.Count == 0)
        {
            sb.Append(E(sets == 1
                ? "Every replicate ran the same parameters, so all of the spread across replicates is chance."
                : "No December has a council judged in every replicate, so the spread is not split.")).Append("</p>\n");
            return;
        }
        var several = summary.Councils.Count > 1;
        sb.Append(E("The outcome is, per replicate, " + (several ? "the share of councils judged so far with a good or outstanding judgement in force" : "whether the council has a good or outstanding judgement in force (1 or 0)")
            + ". Its variance across replicates splits exactly (law of total variance) into the variance between the parameter sets' mean outcomes (parameters) "
            + "and the mean variance among replicates that ran the same set (chance). With few replicates per set the sets' means are themselves "
            + "noisy, so the between-set part also holds chance (with one replicate per set it would be all of it); the last column corrects for that "
            + "(one-way random effects, method of moments: between-set variance (MSB − MSW) / n₀, clipped at 0)."))
            .Append("</p>\n<table><tr><th>December of</th><th>replicates</th><th>parameter sets</th><th>mean</th><th>variance (pp²)</th><th>between sets</th><th>within sets</th><th>share from parameters, corrected</th></tr>\n");
        var rough = false;
        foreach (var (month, index) in dates)
        {
            var split = Statistics.VarianceSplit.Of(summary.Tallies[index].Select((t, r) => (group[r], Tally.ShareOf(t.GoodOrBetter, t.Judged))));
            rough |= split.Rough();
            string Share(double part) => split.Total > 0 ? Percent(part / split.Total) : "";
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{month.Year}</td><td class=\"n\">{split.Count}</td><td class=\"n\">{split.Groups}</td><td class=\"n\">{Percent(split.Mean)}</td><td class=\"n\">{split.Total * 1e4:0.0}</td>"
                + $"<td class=\"n\">{Share(split.Between)}</td><td class=\"n\">{Share(split.Within)}</td><td class=\"n\">{(split.Total == 0 ? "no spread" : double.IsNaN(split.ParameterShare) ? "not measurable" : Percent(split.ParameterShare))}</td></tr>\n");
        }
        sb.Append("</table>\n");
        var perSet = setup.Replicates / (double)sets;
        sb.Append("<p class=\"meta\">").Append(E(rough
            ? string.Create(CultureInfo.InvariantCulture, $"A rough estimate: {perSet:0.0} replicates per parameter set on average, fewer than 5. Run more replicates (or posterior_mode: best for chance alone) for a firmer split.")
            : string.Create(CultureInfo.InvariantCulture, $"{perSet:0.0} replicates per parameter set on average; the split is an estimate, with its own sampling error."))).Append("</p>\n");
    }

    /// <summary>Up to four Decembers, evenly spread and ending with the last, at which every replicate has a council judged.</summary>
    private static List<(Model.Time.Month Month, int Index)> ReportDates(RunSummary summary)
    {
        var candidates = summary.Months.Select((m, i) => (Month: m, Index: i))
            .Where(x => x.Month.CalendarMonth == 12 && summary.Tallies[x.Index].All(t => t.Judged > 0)).ToList();
        if (candidates.Count == 0) return [];
        var picked = new SortedSet<int>();
        for (var k = 1; k <= 4; k++) picked.Add((int)Math.Ceiling(k * candidates.Count / 4.0) - 1);
        return [.. picked.Select(i => candidates[i])];
    }

    /// <summary>The report of a comparison: its scope, the runs, the figures and the tables of differences.</summary>
    public static void WriteComparison(string folder, IReadOnlyList<ResultRun> runs, ComparisonScope scope, IReadOnlyList<CaptionedFigure> figures,
        IReadOnlyList<DifferenceRow> rows, IReadOnlyList<DifferenceRow> trusts, IReadOnlyList<Outcomes.TimeToGoodDifference>? timeToGood = null)
    {
        var sb = new StringBuilder();
        Begin(sb, "Comparison: " + string.Join(", ", runs.Select(r => r.Label)));
        sb.Append("<h1>Comparison</h1>\n");
        Summary(sb, ExecutiveSummary.Comparison(runs, scope, rows, trusts));
        sb.Append("<p><strong>Scope: ");
        if (scope.IsNational)
        {
            var counts = string.Join(" and ", runs.Select(r => r.Summary.Councils.Count).Distinct());
            sb.Append("England: ").Append(counts).Append(" councils</strong>. Judgements are shares of the councils judged so far (a council counts from its first inspection), "
                + "drawn as the median across replicates with the 90% band; the time to good pools every council in every replicate first judged inadequate; "
                + "the metrics are the national figure of each replicate (the sum over councils of spend, the mean over councils of rates, caseloads and indices) "
                + "with the median and middle 50% across replicates. Published national shares (NATIONAL.md) are drawn as black-edged markers.</p>\n");
        }
        else
        {
            sb.Append("council <code>").Append(E(scope.Council)).Append("</code></strong> in every run: judgements are shares of replicates; metrics are the median and middle 50% of replicates. "
                + $"<code>--council ID</code> compares another; runs of {National.MinCouncils} or more councils are compared as England when no council is named.</p>\n");
        }
        sb.Append("<table><tr><th>run</th><th>scenario</th><th>councils</th><th>replicates</th><th>seed</th><th>detail</th><th>folder</th></tr>\n");
        foreach (var r in runs)
        {
            var s = r.Source;
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(r.Label)}</td><td>{E(s.Scenario)}</td><td class=\"n\">{s.Councils.Count}</td><td class=\"n\">{s.Replicates}</td><td class=\"n\">{s.Seed}</td><td>{(s.Detail == Output.Detail.Full ? "full" : "summary")}</td><td><code>{E(s.Folder)}</code></td></tr>\n");
        }
        sb.Append("</table>\n<p class=\"meta\">Each run keeps one colour and marker shape in every figure. The first run is the baseline of the differences.</p>\n");
        foreach (var f in figures) Figure(sb, folder, f.Name, f.Caption);

        var (what, interval, difference) = scope.IsNational
            ? ("per run, the mean over replicates of the share of councils",
               "a 95% interval of that mean (normal approximation: mean ± 1.96 standard errors across replicates)",
               "a 95% interval from Welch's standard error (the two standard errors combined, normal approximation)")
            : ($"the share of replicates in which {scope.Council}", "a Wilson 95% interval", "Newcombe's 95% interval");
        var caveat = scope.IsNational ? " With fewer than about 30 replicates per run these normal intervals are somewhat too narrow." : "";
        if (runs.Select(r => r.Source.Seed).Distinct().Count() == 1)
        {
            caveat += $" The runs share seed {runs[0].Source.Seed}, so each replicate draws the same random numbers in every run until the runs' rules make them differ "
                + "(common random numbers); the intervals of the differences ignore that pairing and so are conservative.";
        }
        sb.Append("<h2>Good or better in force each December</h2>\n<p class=\"meta\">").Append(E(
            $"Each December, {what} {(scope.IsNational ? "judged so far that have" : "has")} a good or outstanding judgement in force, with {interval}; "
            + $"its difference from the first run with {difference}, treating replicates as independent draws.{caveat}")).Append(" Also in <code>differences.csv</code>.</p>\n");
        DifferenceTable(sb, rows);
        sb.Append("<h2>Moved to a trust by each December</h2>\n<p class=\"meta\">").Append(E(
            $"Each December, {what} {(scope.IsNational ? "whose service has" : "has")} ever been moved to a trust (an independent trust taking over), with {interval}; "
            + $"its difference from the first run with {difference}.{caveat}")).Append(" Also in <code>trusts.csv</code>.</p>\n");
        DifferenceTable(sb, trusts);
        if (timeToGood is { Count: > 0 }) TimeToGoodDifferences(sb, timeToGood);
        sb.Append("<h2>Manifests</h2>\n");
        foreach (var r in runs) sb.Append("<h3>").Append(E(r.Label)).Append("</h3>\n<pre>").Append(E(r.Source.ManifestJson)).Append("</pre>\n");
        End(sb);
        File.WriteAllText(Path.Combine(folder, FileName), sb.ToString());
    }

    /// <summary>The comparison's time to good: each run's Kaplan–Meier median and restricted mean, and the difference from the first run.</summary>
    private static void TimeToGoodDifferences(StringBuilder sb, IReadOnlyList<Outcomes.TimeToGoodDifference> rows)
    {
        var tau = rows[0].Rmst.Tau;
        var methods = string.Join("; ", rows.Where(r => !r.IsBaseline).Select(r => r.Rmst.Method).Distinct());
        sb.Append("<h2>Time to good</h2>\n<p class=\"meta\">").Append(E(string.Create(CultureInfo.InvariantCulture,
            $"From the first inadequate judgement to the first good one, every council in scope and replicate judged inadequate, censored at the run's end (Kaplan–Meier; "
            + $"the median's 95% interval by Brookmeyer and Crowley on the log(−log) scale). The restricted mean is the mean time to good counting a history not good within "
            + $"{tau / 12:0.#} years as {tau / 12:0.#} years (the area under the curve of those not yet good, to that horizon); its difference from the first run: {methods}."))).Append(" Also in <code>time-to-good.csv</code> and <code>time-to-good-differences.csv</code>.</p>\n");
        sb.Append("<table><tr><th>run</th><th>judged inadequate</th><th>reached good</th><th>median (years)</th><th>95% interval</th><th>restricted mean (years)</th><th>difference from first (years)</th><th>95% interval</th></tr>\n");
        foreach (var r in rows)
        {
            var interval = double.IsNaN(r.Median) && double.IsNaN(r.MedianLow) ? "" : $"{Years(r.MedianLow)} to {Years(r.MedianHigh)}";
            var diff = r.IsBaseline ? "" : (r.Rmst.Difference / 12).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
            var diffInterval = r.IsBaseline || !double.IsFinite(r.Rmst.Low95) ? ""
                : string.Create(CultureInfo.InvariantCulture, $"{r.Rmst.Low95 / 12:+0.00;-0.00;0.00} to {r.Rmst.High95 / 12:+0.00;-0.00;0.00}");
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{E(r.Run)}</td><td class=\"n\">{r.Subjects}</td><td class=\"n\">{r.ReachedGood}</td><td class=\"n\">{Years(r.Median)}</td><td class=\"n\">{interval}</td>"
                + $"<td class=\"n\">{r.Rmst.A / 12:0.00}</td><td class=\"n\">{diff}</td><td class=\"n\">{diffInterval}</td></tr>\n"));
        }
        sb.Append("</table>\n");
    }

    private static void DifferenceTable(StringBuilder sb, IReadOnlyList<DifferenceRow> rows)
    {
        sb.Append("<table><tr><th>December of</th><th>run</th><th>share</th><th>95% interval</th><th>difference from first (pp)</th><th>95% interval (pp)</th></tr>\n");
        foreach (var r in rows)
        {
            var diff = r.Difference is { } d ? Points(d) : "";
            var diffInterval = r.DiffLow is { } l && r.DiffHigh is { } h && double.IsFinite(l) ? $"{Points(l)} to {Points(h)}" : "";
            var interval = double.IsFinite(r.Low) ? $"{Percent(r.Low)} to {Percent(r.High)}" : "";
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{r.Month[..4]}</td><td>{E(r.Run)}</td><td class=\"n\">{Percent(r.Share)}</td><td class=\"n\">{interval}</td><td class=\"n\">{diff}</td><td class=\"n\">{diffInterval}</td></tr>\n");
        }
        sb.Append("</table>\n");
    }
}
