using System.Globalization;
using System.Text;
using ScottPlot;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Silo.Output;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Plots;

/// <summary>
/// One row of a table of shares each December (differences.csv, trusts.csv): a run's share, its
/// 95% interval, and its difference from the first run with a 95% interval. For a council the
/// share is that of replicates (Wilson; Newcombe for the difference); for England it is the mean
/// over replicates of the share of councils (normal approximation; Welch's standard error for the
/// difference).
/// </summary>
public sealed record DifferenceRow(string Month, string Run, string Entity, int N, double Share, double Low, double High, double? Difference, double? DiffLow, double? DiffHigh);

/// <summary>
/// Several runs on the same axes: one colour and marker shape per run (Okabe-Ito, consistent across
/// every figure, readable in greyscale through the shapes), the time from a first inadequate
/// judgement to the first good one, and tables of differences with 95% intervals; for one council
/// in every run, or for England (<see cref="ComparisonScope"/>).
/// </summary>
public static class Comparison
{
    private const double Z95 = 1.959963984540054;

    private static readonly Color[] Palette = OkabeIto.Series;

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    public static Color ColorOf(int run) => Palette[run % Palette.Length];

    public static MarkerShape ShapeOf(int run) => Shapes[run % Shapes.Length];

    /// <summary>Writes the comparison figures into <c>plots/</c>; returns their names, titles and captions.</summary>
    public static IReadOnlyList<CaptionedFigure> WriteFigures(string folder, IReadOnlyList<ResultRun> runs, ComparisonScope scope)
    {
        var plots = Path.Combine(folder, Figures.Folder);
        Directory.CreateDirectory(plots);
        var figures = new List<CaptionedFigure>();
        var provenance = Provenance(runs);
        var (share, among) = scope.IsNational
            ? ("the share of councils, among those judged so far,", "the median across replicates (line) and the middle 90% of replicates (band), one colour and marker shape per run, with the published national shares of NATIONAL.md as black-edged markers")
            : ($"the share of replicates in which {scope.Name(runs)}", "one colour and marker shape per run");
        void Save(Plot plot, string name, string caption)
        {
            Figures.Save(plot, plots, name);
            figures.Add(new CaptionedFigure(name, plot.Axes.Title.Label.Text, $"{caption} {provenance}"));
        }
        Save(GradeShare(runs, scope, "good or better", (_, t) => scope.GoodOrBetter(t), p => p.GoodOrBetter, Grade.Good), "good",
            $"Good or better: {share} {(scope.IsNational ? "with" : "has")} a good or outstanding judgement in force, month by month; {among}.");
        Save(GradeShare(runs, scope, "inadequate", (_, t) => scope.Inadequate(t), p => p.Inadequate, Grade.Inadequate), "inadequate",
            $"Inadequate: {share} {(scope.IsNational ? "with" : "has")} an inadequate judgement in force, month by month; {among}.");
        Save(TimeToGood(runs, scope), "time-to-good",
            "Time from the first inadequate judgement to the first good or outstanding one after it, over every "
            + (scope.IsNational ? "council in every replicate" : "replicate") + " first judged inadequate; those never judged good in the run keep the curve below 100%. The legend gives how many got there and the median.");
        Save(Trusts(runs, scope), "trusts",
            $"Moved to a trust: {(scope.IsNational ? "the share of councils whose service has been moved to a trust by then (median and middle 90% of replicates)" : $"the share of replicates in which the service of {scope.Name(runs)} has been moved to a trust by then")}, one colour per run.");
        foreach (var (metric, title, unit, percent, meaning) in new[]
        {
            (Metric.CaseloadPerWorker, "caseload per social worker", "caseload (cases per FTE)", false, "open cases per case-holding FTE (social workers in post and agency)"),
            (Metric.AgencyShare, "agency share", "share of posts (%)", true, "agency ÷ (agency + in post), the workforce census definition, in percent"),
            (Metric.VacancyRate, "vacancy rate", "share of posts (%)", true, "vacancies ÷ (vacancies + in post), the workforce census definition, in percent"),
            (Metric.PracticeQuality, "practice quality", "index (0 worst, 1 best)", false, "the share of cases with good practice, an index from 0 to 1"),
            (Metric.LeadershipQuality, "leadership quality", "index (0 worst, 1 best)", false, "effective leadership, an index from 0 to 1"),
            (Metric.Spend, "spend", "GBP m per month", false, "spend on the service, GBP m per month"),
        })
        {
            var of = scope.IsNational ? $"the national figure ({(NationalFigure.Additive(metric) ? "the sum" : "the unweighted mean")} over councils, per replicate)" : scope.Name(runs);
            Save(MetricBands(runs, scope, metric, title, unit, percent), Metrics.Name(metric).Replace('_', '-'),
                $"{char.ToUpperInvariant(title[0])}{title[1..]} ({meaning}) of {of}: the median (line) and middle 50% (band) of replicates, one colour and marker shape per run.");
        }
        return figures;
    }

    /// <summary>What every comparison figure's caption ends with: the replicates and seeds of the runs, and where the mechanisms are described.</summary>
    private static string Provenance(IReadOnlyList<ResultRun> runs)
    {
        var replicates = runs.Select(r => r.Replicates).Distinct().Count() == 1
            ? $"{runs[0].Replicates} replicates per run"
            : "replicates: " + string.Join(", ", runs.Select(r => $"{r.Label} {r.Replicates}"));
        var seeds = runs.Select(r => r.Source.Seed).Distinct().ToList();
        var seed = seeds.Count == 1 ? $"seed {seeds[0]}" : "seeds " + string.Join(", ", runs.Select(r => $"{r.Label} {r.Source.Seed}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"Runs: {string.Join(", ", runs.Select(r => r.Label))}; {replicates}, {seed}. Judgements emerge from the simulated service, they are not inputs. Mechanisms and sources: docs/ODD.md.");
    }

    /// <summary>A comparison figure: a short title, axis labels naming the quantity and unit (the provenance is in the caption).</summary>
    private static Plot NewPlot(string title, string yLabel, IReadOnlyList<ResultRun> runs, string xLabel = "year")
    {
        var plot = new Plot();
        plot.Title(title, 17);
        plot.XLabel(xLabel, 14);
        plot.Axes.Left.Label.Text = yLabel;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        if (xLabel == "year") TimeAxis(plot, runs);
        return plot;
    }

    /// <summary>The runs' months on the time axis, with labelled ticks spaced for the span.</summary>
    private static void TimeAxis(Plot plot, IReadOnlyList<ResultRun> runs)
    {
        var from = runs.Min(r => Figures.X(r.Summary.Months[0])) - 0.2;
        var to = runs.Max(r => Figures.X(r.Summary.Months[^1])) + 0.2;
        plot.Axes.SetLimitsX(from, to);
        Figures.YearTicks(plot, from, to);
    }

    /// <summary>A line per run, with its marker shape every twelfth point so greyscale copies stay readable.</summary>
    private static void Line(Plot plot, double[] xs, double[] ys, int run, string label)
    {
        var line = plot.Add.Scatter(xs, ys);
        line.Color = ColorOf(run);
        line.LineWidth = 2.5f;
        line.MarkerSize = 0;
        var every = Enumerable.Range(0, xs.Length).Where(i => i % 12 == 6 && double.IsFinite(ys[i])).ToArray();
        var marks = plot.Add.Scatter(every.Select(i => xs[i]).ToArray(), every.Select(i => ys[i]).ToArray());
        marks.Color = ColorOf(run);
        marks.LineWidth = 0;
        marks.MarkerShape = Shapes[run % Shapes.Length];
        marks.MarkerSize = 9;
        marks.LegendText = label;
    }

    /// <summary>
    /// A share per run and month: for England the median across replicates with the 90% band, for a
    /// council the share of replicates (the mean of the 0-or-1 values). Returns the highest value drawn.
    /// </summary>
    private static double ShareLines(Plot plot, IReadOnlyList<ResultRun> runs, ComparisonScope scope, Func<ResultRun, Tally, double> perReplicate)
    {
        var top = 0.0;
        for (var k = 0; k < runs.Count; k++)
        {
            var run = runs[k];
            var xs = run.Summary.Months.Select(Figures.X).ToArray();
            var values = run.Summary.Tallies.Select(ts => ts.Select(t => perReplicate(run, t)).ToArray()).ToList();
            if (scope.IsNational)
            {
                var bands = values.Select(Band.OfAll).ToList();
                Figures.Fill(plot, xs, [.. bands.Select(b => b.P05)], [.. bands.Select(b => b.P95)], ColorOf(k).WithAlpha(0.15));
                Line(plot, xs, [.. bands.Select(b => b.P50)], k, $"{run.Label}: median and 90% of replicates");
                top = Math.Max(top, bands.Select(b => b.P95).Where(double.IsFinite).DefaultIfEmpty(0).Max());
            }
            else
            {
                var ys = values.Select(v => v.Average()).ToArray();
                Line(plot, xs, ys, k, run.Label);
                top = Math.Max(top, ys.Max());
            }
        }
        return top;
    }

    private static Plot GradeShare(IReadOnlyList<ResultRun> runs, ComparisonScope scope, string what, Func<ResultRun, Tally, double> perReplicate,
        Func<(Month Month, double? Inadequate, double? GoodOrBetter, string Note), double?> published, Grade grade)
    {
        var plot = scope.IsNational
            ? NewPlot($"{scope.Name(runs)}: {what} in force", "share of councils judged so far (%)", runs)
            : NewPlot($"{scope.Name(runs)}: {what} in force", "share of replicates (%)", runs);
        ShareLines(plot, runs, scope, perReplicate);
        if (scope.IsNational)
        {
            National.PublishedMarkers(plot, published, grade == Grade.Good ? MarkerShape.FilledSquare : MarkerShape.FilledDiamond, 13, grade,
                $"published: {(grade == Grade.Good ? "good or outstanding" : "inadequate")} (NATIONAL.md)");
        }
        plot.Axes.SetLimitsY(0, 1.02);
        Figures.PercentTicks(plot);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot Trusts(IReadOnlyList<ResultRun> runs, ComparisonScope scope)
    {
        var plot = scope.IsNational
            ? NewPlot($"{scope.Name(runs)}: moved to a trust", "share of councils (%)", runs)
            : NewPlot($"{scope.Name(runs)}: moved to a trust", "share of replicates (%)", runs);
        var top = ShareLines(plot, runs, scope, TrustShare);
        // Zoomed to the shares drawn (a trust is rare), ticks every 5, 10 or 25 points.
        var limit = Math.Clamp(top * 1.15, 0.1, 1.02);
        var step = limit <= 0.3 ? 0.05 : limit <= 0.6 ? 0.1 : 0.25;
        var ticks = Enumerable.Range(0, (int)(limit / step + 1e-9) + 1).Select(i => i * step).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks,
            [.. ticks.Select(y => y.ToString("0%", CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsY(0, limit);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static double TrustShare(ResultRun run, Tally t) => ComparisonScope.EverTrust(t, run.Summary.Councils.Count);

    /// <summary>Kaplan–Meier curves of the time to good, one per run (<see cref="Outcomes.TimeToGoodComparison"/>).</summary>
    private static Plot TimeToGood(IReadOnlyList<ResultRun> runs, ComparisonScope scope) =>
        Outcomes.TimeToGoodTable.Figure([.. runs.Select(r => (r.Label, KaplanMeier.Fit(Outcomes.TimeToGoodComparison.Of(r).All)))], scope.Name(runs));

    private static Plot MetricBands(IReadOnlyList<ResultRun> runs, ComparisonScope scope, Metric metric, string title, string unit, bool percent)
    {
        var what = scope.IsNational ? $"{title}, {(NationalFigure.Additive(metric) ? "sum" : "mean")} over councils" : title;
        var plot = NewPlot($"{scope.Name(runs)}: {what}", unit, runs);
        if (percent) Figures.PercentTicks(plot.Axes.Left);
        else Figures.ValueTicks(plot.Axes.Left);
        var top = 0.0;
        for (var k = 0; k < runs.Count; k++)
        {
            var bands = runs[k].Bands[metric];
            var xs = runs[k].Summary.Months.Select(Figures.X).ToArray();
            Figures.Fill(plot, xs, [.. bands.Select(b => b.P25)], [.. bands.Select(b => b.P75)], ColorOf(k).WithAlpha(0.18));
            Line(plot, xs, bands.Select(b => b.P50).ToArray(), k, runs[k].Label);
            top = Math.Max(top, bands.Select(b => b.P75).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }
        plot.Axes.SetLimitsY(0, top * 1.08 + 1e-9);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>Good or better in force each December (differences.csv).</summary>
    public static IReadOnlyList<DifferenceRow> Differences(IReadOnlyList<ResultRun> runs, ComparisonScope scope) =>
        Decembers(runs, scope, (_, t) => scope.GoodOrBetter(t));

    /// <summary>Moved to a trust by each December (trusts.csv).</summary>
    public static IReadOnlyList<DifferenceRow> TrustDifferences(IReadOnlyList<ResultRun> runs, ComparisonScope scope) =>
        Decembers(runs, scope, TrustShare);

    /// <summary>
    /// A per-replicate share each December, per run, with a 95% interval, and its difference from
    /// the first run with a 95% interval, replicates treated as independent draws. For a council
    /// the values are 0 or 1 and their mean is a proportion: Wilson's interval, Newcombe's for the
    /// difference. For England the values are shares of councils: their mean with mean ± 1.96
    /// standard errors (normal approximation), the difference with ± 1.96 Welch standard errors
    /// (the square root of the sum of the two squared standard errors). Decembers where some
    /// replicate has no value (no council judged yet) are left out.
    /// </summary>
    private static List<DifferenceRow> Decembers(IReadOnlyList<ResultRun> runs, ComparisonScope scope, Func<ResultRun, Tally, double> perReplicate)
    {
        var rows = new List<DifferenceRow>();
        var months = runs.Select(r => r.Summary.Months.Where(m => m.CalendarMonth == 12).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        foreach (var month in months.Order())
        {
            var values = runs.Select(run => run.Summary.Tallies[run.Summary.Months.IndexOf(month)].Select(t => perReplicate(run, t)).ToArray()).ToList();
            if (values.Any(v => v.Any(double.IsNaN))) continue;
            var estimates = values.Select(v => scope.IsNational ? Mean(v) : Proportion(v)).ToList();
            var baseline = estimates[0];
            for (var k = 0; k < runs.Count; k++)
            {
                var x = estimates[k];
                double? d = null, dl = null, du = null;
                if (k > 0)
                {
                    d = x.P - baseline.P;
                    if (scope.IsNational)
                    {
                        var se = Math.Sqrt(x.Se * x.Se + baseline.Se * baseline.Se);
                        (dl, du) = (d - Z95 * se, d + Z95 * se);
                    }
                    else
                    {
                        // Newcombe's hybrid score interval from the two Wilson intervals.
                        dl = d - Math.Sqrt(Math.Pow(x.P - x.L, 2) + Math.Pow(baseline.U - baseline.P, 2));
                        du = d + Math.Sqrt(Math.Pow(x.U - x.P, 2) + Math.Pow(baseline.P - baseline.L, 2));
                    }
                }
                rows.Add(new DifferenceRow(month.ToString(), runs[k].Label, scope.Entity, values[k].Length, x.P, x.L, x.U, d, dl, du));
            }
        }
        return rows;
    }

    private readonly record struct Estimate(double P, double L, double U, double Se);

    /// <summary>The share of 0-or-1 values with Wilson's 95% interval.</summary>
    private static Estimate Proportion(double[] values)
    {
        var p = values.Average();
        var (l, u) = Wilson(p, values.Length);
        return new Estimate(p, l, u, double.NaN);
    }

    /// <summary>The mean with a normal-approximation 95% interval (clipped to 0-1, as the values are shares); NaN interval from one value.</summary>
    private static Estimate Mean(double[] values)
    {
        var mean = values.Average();
        var se = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length) : double.NaN;
        return new Estimate(mean, Math.Max(0, mean - Z95 * se), Math.Min(1, mean + Z95 * se), se);
    }

    /// <summary>Wilson score interval (95%) for a proportion.</summary>
    public static (double Low, double High) Wilson(double p, int n)
    {
        var denominator = 1 + Z95 * Z95 / n;
        var centre = (p + Z95 * Z95 / (2 * n)) / denominator;
        var half = Z95 * Math.Sqrt(p * (1 - p) / n + Z95 * Z95 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>A table of <see cref="DifferenceRow"/>s; <paramref name="share"/> names the share column.</summary>
    public static string DifferencesCsv(IReadOnlyList<DifferenceRow> rows, string share = "share_good_or_better")
    {
        static string F(double? x) => x is { } v && double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";
        var sb = new StringBuilder($"month,run,entity,replicates,{share},low_95,high_95,difference_from_first,difference_low_95,difference_high_95\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Month},{Csv.Field(r.Run)},{Csv.Field(r.Entity)},{r.N},{F(r.Share)},{F(r.Low)},{F(r.High)},{F(r.Difference)},{F(r.DiffLow)},{F(r.DiffHigh)}\n");
        }
        return sb.ToString();
    }
}
