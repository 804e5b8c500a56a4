using System.Globalization;
using System.Text;
using MathNet.Numerics.Statistics;
using ScottPlot;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Silo.Plots;

/// <summary>One row of the differences table: the share of replicates with a good or better judgement in force at a month.</summary>
public sealed record DifferenceRow(string Month, string Run, int N, double Share, double Low, double High, double? Difference, double? DiffLow, double? DiffHigh);

/// <summary>
/// Several runs on the same axes: one colour and marker shape per run (Okabe-Ito, consistent across
/// every figure, readable in greyscale through the shapes), the time from a first inadequate
/// judgement to the first good one, and a table of differences with 95% intervals.
/// </summary>
public static class Comparison
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#F0E442"),
    ];

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    public static Color ColorOf(int run) => Palette[run % Palette.Length];

    /// <summary>Writes the comparison figures into <c>plots/</c>; returns their names (without extension).</summary>
    public static IReadOnlyList<string> WriteFigures(string folder, IReadOnlyList<ResultRun> runs)
    {
        var plots = Path.Combine(folder, Figures.Folder);
        Directory.CreateDirectory(plots);
        var names = new List<string>();
        void Save(Plot plot, string name)
        {
            Figures.Save(plot, plots, name);
            names.Add(name);
        }
        Save(GradeShare(runs, "good or better", g => g >= Grade.Good), "good");
        Save(GradeShare(runs, "inadequate", g => g == Grade.Inadequate), "inadequate");
        Save(TimeToGood(runs), "time-to-good");
        foreach (var (metric, title, unit) in new[]
        {
            (Metric.CaseloadPerWorker, "caseload per social worker", "cases per FTE"),
            (Metric.AgencyShare, "agency share", "share of posts"),
            (Metric.VacancyRate, "vacancy rate", "share of posts"),
            (Metric.PracticeQuality, "practice quality", "index (0 worst, 1 best)"),
            (Metric.LeadershipQuality, "leadership quality", "index (0 worst, 1 best)"),
            (Metric.Spend, "spend", "GBP m per month"),
        })
        {
            Save(MetricBands(runs, metric, title, unit), Metrics.Name(metric).Replace('_', '-'));
        }
        return names;
    }

    private static Plot NewPlot(string title, string yLabel, IReadOnlyList<ResultRun> runs, string xLabel = "year (tick at 1 January)")
    {
        var plot = new Plot();
        plot.Title(title, 18);
        var replicates = runs.Select(r => r.Replicates).Distinct().Count() == 1
            ? $"{runs[0].Replicates} replicates per run"
            : "replicates: " + string.Join(", ", runs.Select(r => $"{r.Label} {r.Replicates}"));
        plot.XLabel($"{xLabel}    |    {replicates}; mechanisms and sources: docs/ODD.md", 12);
        plot.Axes.Left.Label.Text = yLabel;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        return plot;
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

    private static Plot GradeShare(IReadOnlyList<ResultRun> runs, string what, Func<Grade, bool> matches)
    {
        var plot = NewPlot($"Share of replicates with a judgement of {what} in force", "share of replicates", runs);
        Figures.YearTicks(plot);
        for (var k = 0; k < runs.Count; k++)
        {
            var council = runs[k].Summary.Councils[0];
            var xs = runs[k].Summary.Months.Select(Figures.X).ToArray();
            var ys = council.GradeShares.Select(s => Enumerable.Range(1, 4).Where(g => matches((Grade)g)).Sum(g => s.Shares[g])).ToArray();
            Line(plot, xs, ys, k, $"{runs[k].Label} ({council.Id})");
        }
        plot.Axes.SetLimitsY(0, 1.02);
        Figures.PercentTicks(plot);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot TimeToGood(IReadOnlyList<ResultRun> runs)
    {
        var plot = NewPlot("Time from the first inadequate judgement to the first good one", "share of replicates judged inadequate that are good by then", runs,
            "years since the first inadequate judgement");
        var longest = 1.0;
        for (var k = 0; k < runs.Count; k++)
        {
            var times = runs[k].Summary.Councils[0].YearsFromInadequateToGood();
            if (times.Count == 0) continue;
            var reached = times.Where(t => t is not null).Select(t => t!.Value).Order().ToArray();
            longest = Math.Max(longest, reached.DefaultIfEmpty(0).Max());
            // An empirical distribution over everyone judged inadequate: those never good keep it below 1.
            var xs = new List<double> { 0 };
            var ys = new List<double> { 0 };
            for (var i = 0; i < reached.Length; i++)
            {
                xs.Add(reached[i]);
                ys.Add((i + 1) / (double)times.Count);
            }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = ColorOf(k);
            line.LineWidth = 2.5f;
            line.MarkerShape = Shapes[k % Shapes.Length];
            line.MarkerSize = 0;
            var median = reached.Length * 2 >= times.Count ? reached[(times.Count + 1) / 2 - 1] : double.NaN;
            var last = plot.Add.Scatter(new[] { xs[^1] }, new[] { ys[^1] });
            last.Color = ColorOf(k);
            last.MarkerShape = Shapes[k % Shapes.Length];
            last.MarkerSize = 10;
            last.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"{runs[k].Label}: {reached.Length} of {times.Count} reach good; median {(double.IsNaN(median) ? "not reached" : $"{median:0.0} years")}");
        }
        plot.Axes.SetLimitsX(0, longest + 0.5);
        plot.Axes.SetLimitsY(0, 1.02);
        Figures.PercentTicks(plot);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot MetricBands(IReadOnlyList<ResultRun> runs, Metric metric, string title, string unit)
    {
        var plot = NewPlot($"{char.ToUpperInvariant(title[0])}{title[1..]}: median and middle 50% of replicates", unit, runs);
        Figures.YearTicks(plot);
        var top = 0.0;
        for (var k = 0; k < runs.Count; k++)
        {
            var bands = runs[k].Summary.Councils[0].Bands(metric);
            var xs = runs[k].Summary.Months.Select(Figures.X).ToArray();
            Figures.Fill(plot, xs, [.. bands.Select(b => b.P25)], [.. bands.Select(b => b.P75)], ColorOf(k).WithAlpha(0.18));
            Line(plot, xs, bands.Select(b => b.P50).ToArray(), k, runs[k].Label);
            top = Math.Max(top, bands.Select(b => b.P75).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        }
        plot.Axes.SetLimitsY(0, top * 1.08 + 1e-9);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>
    /// The share of replicates with a good or better judgement in force each December, per run, with
    /// Wilson 95% intervals, and its difference from the first run with Newcombe's 95% interval.
    /// </summary>
    public static IReadOnlyList<DifferenceRow> Differences(IReadOnlyList<ResultRun> runs)
    {
        var rows = new List<DifferenceRow>();
        var months = runs.Select(r => r.Summary.Months.Where(m => m.CalendarMonth == 12).ToHashSet()).Aggregate((a, b) => { a.IntersectWith(b); return a; });
        foreach (var month in months.Order())
        {
            (double P, double L, double U, int N) Of(ResultRun run)
            {
                var i = run.Summary.Months.IndexOf(month);
                var shares = run.Summary.Councils[0].GradeShares[i].Shares;
                var p = shares[(int)Grade.Good] + shares[(int)Grade.Outstanding];
                var (l, u) = Wilson(p, run.Replicates);
                return (p, l, u, run.Replicates);
            }
            var baseline = Of(runs[0]);
            for (var k = 0; k < runs.Count; k++)
            {
                var x = Of(runs[k]);
                double? d = null, dl = null, du = null;
                if (k > 0)
                {
                    d = x.P - baseline.P;
                    dl = d - Math.Sqrt(Math.Pow(x.P - x.L, 2) + Math.Pow(baseline.U - baseline.P, 2));
                    du = d + Math.Sqrt(Math.Pow(x.U - x.P, 2) + Math.Pow(baseline.P - baseline.L, 2));
                }
                rows.Add(new DifferenceRow(month.ToString(), runs[k].Label, x.N, x.P, x.L, x.U, d, dl, du));
            }
        }
        return rows;
    }

    /// <summary>Wilson score interval (95%) for a proportion.</summary>
    public static (double Low, double High) Wilson(double p, int n)
    {
        const double z = 1.959963984540054;
        var denominator = 1 + z * z / n;
        var centre = (p + z * z / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    public static string DifferencesCsv(IReadOnlyList<DifferenceRow> rows)
    {
        static string F(double? x) => x is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "";
        var sb = new StringBuilder("month,run,replicates,share_good_or_better,low_95,high_95,difference_from_first,difference_low_95,difference_high_95\n");
        foreach (var r in rows)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Month},{Output.Csv.Field(r.Run)},{r.N},{F(r.Share)},{F(r.Low)},{F(r.High)},{F(r.Difference)},{F(r.DiffLow)},{F(r.DiffHigh)}\n");
        }
        return sb.ToString();
    }
}
