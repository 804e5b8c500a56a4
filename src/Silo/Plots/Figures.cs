using System.Globalization;
using ScottPlot;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;

namespace Simulation.Silo.Plots;

/// <summary>
/// The figures every run writes to <c>plots/</c>, each as PNG (for viewing) and SVG (for papers):
/// the rating trajectory, the workforce, practice and leadership, and money. Each labels its units,
/// dates, the number of replicates and where its inputs come from, so it reads on its own.
/// </summary>
public static class Figures
{
    public const string Folder = "plots";
    public const int Width = 1200;
    public const int Height = 700;

    /// <summary>Runs with more councils than this draw no per-council figures (a national run would draw thousands).</summary>
    public const int MaxCouncilFigures = 12;

    /// <summary>Whether a run of this many councils draws per-council figures.</summary>
    public static bool DrawsCouncils(int councils) => councils <= MaxCouncilFigures;

    /// <summary>The councils whose figures a run draws.</summary>
    public static IEnumerable<CouncilSummary> Drawn(RunSummary summary) =>
        DrawsCouncils(summary.Councils.Count) ? summary.Councils : [];

    /// <summary>Colour-blind-safe grade colours (Okabe and Ito), ordered light to dark so greyscale keeps the order.</summary>
    public static Color GradeColor(Grade g) => g switch
    {
        Grade.Outstanding => Color.FromHex("#56B4E9"),
        Grade.Good => Color.FromHex("#009E73"),
        Grade.RequiresImprovement => Color.FromHex("#E69F00"),
        _ => Color.FromHex("#7F2704"),
    };

    public static string GradeLabel(Grade g) => g switch
    {
        Grade.Outstanding => "Outstanding",
        Grade.Good => "Good",
        Grade.RequiresImprovement => "Requires improvement (adequate before 2013)",
        _ => "Inadequate",
    };

    public static string ArrangementLabel(Arranged a)
    {
        var label = a.Arrangement switch
        {
            Arrangement.TrustOrdered => "in-house, trust ordered",
            Arrangement.IndependentTrust => "independent trust",
            Arrangement.CouncilOwnedTrust => "council-owned trust",
            Arrangement.ReturnedInHouse => "in-house again",
            _ => "in-house",
        };
        return a.Partner ? label + " with partner" : label;
    }

    /// <summary>Grey levels for the arrangement strip: distinct in colour, in greyscale and for colour-blind readers.</summary>
    private static Color ArrangementShade(Arranged a) => a.Arrangement switch
    {
        Arrangement.IndependentTrust => Color.FromHex("#404040"),
        Arrangement.CouncilOwnedTrust => Color.FromHex("#808080"),
        _ when a.Partner => Color.FromHex("#B0B0B0"),
        Arrangement.TrustOrdered => Color.FromHex("#E4E4E4"),
        _ => Color.FromHex("#FFFFFF"),
    };

    /// <summary>Writes a figure as PNG (for viewing) and SVG (for papers) into <paramref name="folder"/>.</summary>
    public static void Save(Plot plot, string folder, string name)
    {
        plot.SavePng(Path.Combine(folder, $"{name}.png"), Width, Height);
        plot.SaveSvg(Path.Combine(folder, $"{name}.svg"), Width, Height);
    }

    /// <summary>Whole years on the time axis.</summary>
    public static void YearTicks(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => x.ToString("0", CultureInfo.InvariantCulture),
            IntegerTicksOnly = true,
        };

    /// <summary>A share axis labelled 0% to 100% in quarters.</summary>
    public static void PercentTicks(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"]);

    /// <summary>A band between two series, without an outline; points where either is missing are left out.</summary>
    public static void Fill(Plot plot, double[] xs, IReadOnlyList<double> low, IReadOnlyList<double> high, Color color)
    {
        var known = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(low[i]) && double.IsFinite(high[i])).ToArray();
        var fill = plot.Add.FillY(known.Select(i => xs[i]).ToArray(), known.Select(i => low[i]).ToArray(), known.Select(i => high[i]).ToArray());
        fill.FillColor = color;
        fill.LineColor = Colors.Transparent;
    }

    /// <summary>Decimal year of the middle of a month, the x axis of every figure.</summary>
    public static double X(Month m) => m.Year + (m.CalendarMonth - 0.5) / 12.0;

    /// <summary>Writes every figure for every council; returns the files written (relative to the run folder).</summary>
    public static IReadOnlyList<string> Write(string runFolder, Scenario scenario, RunSummary summary)
    {
        var folder = Path.Combine(runFolder, Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var several = summary.Councils.Count > 1;
        if (summary.Councils.Count >= National.MinCouncils)
        {
            Save(National.Figure(scenario, summary), folder, "national");
            written.Add($"{Folder}/national.png");
            written.Add($"{Folder}/national.svg");
        }
        foreach (var council in Drawn(summary))
        {
            var prefix = several ? $"{council.Id}-" : "";
            void SaveCouncil(Plot plot, string name)
            {
                Save(plot, folder, $"{prefix}{name}");
                written.Add($"{Folder}/{prefix}{name}.png");
                written.Add($"{Folder}/{prefix}{name}.svg");
            }
            SaveCouncil(Rating(scenario, summary, council), "rating");
            SaveCouncil(Bands(scenario, summary, council, "caseload per social worker",
                "cases per FTE", [(Metric.CaseloadPerWorker, "caseload per FTE", 0), (Metric.CaseloadP90, "90th-percentile caseload across workers", 3)]), "caseload");
            SaveCouncil(Bands(scenario, summary, council, "agency share and vacancy rate",
                "share of posts", [(Metric.AgencyShare, "agency share", 1), (Metric.VacancyRate, "vacancy rate", 2)]), "workforce");
            SaveCouncil(Bands(scenario, summary, council, "practice and leadership quality",
                "index (0 worst, 1 best)", [(Metric.PracticeQuality, "practice quality", 1), (Metric.LeadershipQuality, "leadership quality", 2)]), "quality");
            SaveCouncil(Bands(scenario, summary, council, "spend against budget",
                "GBP m per month", [(Metric.Spend, "spend", 1), (Metric.Budget, "budget", 3)]), "money");
        }
        return written;
    }

    private static Plot NewPlot(Scenario scenario, CouncilSummary council, string title, int replicates)
    {
        var plot = new Plot();
        plot.Title($"{council.Name}: {title}", 18);
        YearTicks(plot);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.XLabel(string.Create(CultureInfo.InvariantCulture,
            $"year (tick at 1 January)    |    scenario '{scenario.Name}', {replicates} replicates, seed {scenario.Setup.Seed}; mechanisms and sources: docs/ODD.md"), 12);
        return plot;
    }

    /// <summary>
    /// Draws the arrangement most replicates are under as a strip across the top of the plot, from
    /// <paramref name="bottom"/> to <paramref name="top"/>, one legend entry per arrangement.
    /// </summary>
    private static void ArrangementStrip(Plot plot, RunSummary summary, CouncilSummary council, double bottom, double top)
    {
        var named = new HashSet<Arranged>();
        var start = 0;
        for (var i = 1; i <= council.Arrangements.Count; i++)
        {
            if (i < council.Arrangements.Count && council.Arrangements[i] == council.Arrangements[start]) continue;
            var a = council.Arrangements[start];
            var box = plot.Add.Rectangle(X(summary.Months[start]) - 0.5 / 12, X(summary.Months[i - 1]) + 0.5 / 12, bottom, top);
            box.FillColor = ArrangementShade(a);
            box.LineColor = Colors.Gray;
            box.LineWidth = 1;
            if (named.Add(a)) box.LegendText = $"arrangement: {ArrangementLabel(a)}";
            start = i;
        }
    }

    private static Plot Rating(Scenario scenario, RunSummary summary, CouncilSummary council)
    {
        var plot = NewPlot(scenario, council, "judgement in force (share of replicates) and the most likely grade", summary.Replicates);
        var xs = summary.Months.Select(X).ToArray();
        ArrangementStrip(plot, summary, council, 1.02, 1.08);

        // Stacked bands: the share of replicates whose judgement in force is each grade, worst at the bottom.
        var lower = council.GradeShares.Select(s => s.Unjudged).ToArray();
        if (lower.Any(v => v > 0))
        {
            var none = plot.Add.FillY(xs, new double[xs.Length], lower);
            none.FillColor = Colors.LightGray.WithAlpha(0.6);
            none.LineColor = Colors.Transparent;
            none.LegendText = "not yet judged";
        }
        foreach (var g in new[] { Grade.Inadequate, Grade.RequiresImprovement, Grade.Good, Grade.Outstanding })
        {
            var upper = lower.Select((v, i) => v + council.GradeShares[i].Shares[(int)g]).ToArray();
            var fill = plot.Add.FillY(xs, lower, upper);
            fill.FillColor = GradeColor(g).WithAlpha(0.55);
            fill.LineColor = Colors.Transparent;
            fill.LegendText = GradeLabel(g);
            lower = upper;
        }
        plot.Axes.Left.Label.Text = "share of replicates with each judgement in force";
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.SetLimitsY(0, 1.09);
        PercentTicks(plot);

        // The modal grade in force, as a step chart on a four-grade axis (right).
        var modal = council.GradeShares.Select(s =>
        {
            var best = Enumerable.Range(1, 4).OrderByDescending(k => s.Shares[k]).ThenBy(k => k).First();
            return s.Shares[best] > 0 ? best : double.NaN;
        }).ToArray();
        var step = plot.Add.Scatter(xs, modal);
        step.ConnectStyle = ConnectStyle.StepHorizontal;
        step.LineWidth = 3;
        step.MarkerSize = 0;
        step.Color = Colors.Black;
        step.LegendText = "most likely grade in force (right axis)";
        step.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [1, 2, 3, 4], ["inadequate", "requires impr.", "good", "outstanding"]);
        plot.Axes.Right.TickLabelStyle.FontSize = 13;
        plot.Axes.Right.Label.Text = "grade";
        plot.Axes.Right.Label.FontSize = 14;
        plot.Axes.SetLimitsY(0.5, 4.5 + 4 * 0.09, plot.Axes.Right);

        // Documented judgements, when the scenario carries them: markers on the grade axis.
        if (scenario.Documented.Where(d => d.Council == council.Id).ToList() is { Count: > 0 } documented)
        {
            var marks = plot.Add.Markers(documented.Select(d => X(d.Month)).ToArray(), documented.Select(d => (double)(int)d.Overall).ToArray());
            marks.MarkerShape = MarkerShape.FilledDiamond;
            marks.MarkerSize = 16;
            marks.Color = Colors.Black;
            marks.MarkerLineColor = Colors.White;
            marks.MarkerLineWidth = 2;
            var sources = documented.Select(d => d.Source.Split(':')[0].Trim()).Distinct().ToList();
            marks.LegendText = sources.Count == 1 && sources[0].Length is > 0 and < 40
                ? $"documented judgement, {sources[0]}"
                : "documented judgement (see report)";
            marks.Axes.YAxis = plot.Axes.Right;
        }
        plot.Axes.SetLimitsX(xs[0] - 0.2, xs[^1] + 0.2);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot Bands(Scenario scenario, RunSummary summary, CouncilSummary council, string title, string unit,
        IReadOnlyList<(Metric Metric, string Label, int Colour)> series)
    {
        var plot = NewPlot(scenario, council, title, summary.Replicates);
        var xs = summary.Months.Select(X).ToArray();
        Color[] palette = [Color.FromHex("#000000"), Color.FromHex("#0072B2"), Color.FromHex("#D55E00"), Color.FromHex("#009E73")];
        var top = 0.0;
        foreach (var (metric, label, colour) in series)
        {
            var bands = council.Bands(metric);
            var c = palette[colour];
            if (colour != 3)
            {
                Fill(plot, xs, [.. bands.Select(b => b.P05)], [.. bands.Select(b => b.P95)], c.WithAlpha(0.12));
                Fill(plot, xs, [.. bands.Select(b => b.P25)], [.. bands.Select(b => b.P75)], c.WithAlpha(0.28));
            }
            var median = plot.Add.Scatter(xs, bands.Select(b => b.P50).ToArray());
            median.Color = c;
            median.LineWidth = 2.5f;
            median.MarkerSize = 0;
            median.LegendText = colour == 3 ? $"{label} (median)" : $"{label}: median, 50% and 90% of replicates";
            top = Math.Max(top, bands.Where(b => double.IsFinite(b.P95)).Select(b => b.P95).DefaultIfEmpty(0).Max());
        }
        plot.Axes.Left.Label.Text = unit;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.SetLimitsX(xs[0] - 0.2, xs[^1] + 0.2);
        top = top > 0 ? top : 1;
        ArrangementStrip(plot, summary, council, top * 1.03, top * 1.09);
        plot.Axes.SetLimitsY(0, top * 1.1);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
