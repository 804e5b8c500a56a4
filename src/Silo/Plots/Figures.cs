using System.Globalization;
using ScottPlot;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;

namespace Simulation.Silo.Plots;

/// <summary>A figure written to <c>plots/</c>: its file name (without extension), its short title, and the caption a report prints under it.</summary>
public sealed record CaptionedFigure(string Name, string Title, string Caption);

/// <summary>
/// The Okabe and Ito palette (Color Universal Design): eight colours distinguishable by readers
/// with the common colour-vision deficiencies. Every figure draws its series from it, except the
/// grades, which need an ordered scheme (<see cref="Figures.GradeColor"/>).
/// </summary>
public static class OkabeIto
{
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color BluishGreen = Color.FromHex("#009E73");
    public static readonly Color Yellow = Color.FromHex("#F0E442");
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color ReddishPurple = Color.FromHex("#CC79A7");

    /// <summary>The order series take their colours in (yellow last: it is faint on white).</summary>
    public static readonly Color[] Series = [Blue, Vermillion, BluishGreen, ReddishPurple, Orange, SkyBlue, Black, Yellow];
}

/// <summary>
/// The figures every run writes to <c>plots/</c>, each as PNG (for viewing) and SVG (for papers):
/// the rating trajectory, the workforce, practice and leadership, and money. Each has a short
/// title, axis labels that name a quantity and its unit, and a caption (scenario, replicates, seed,
/// sources) that the report prints under it.
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

    /// <summary>
    /// Grade colours, ordered: four steps of viridis (colour-blind safe and perceptually uniform),
    /// dark for inadequate to light for outstanding, so the order survives greyscale printing.
    /// </summary>
    public static Color GradeColor(Grade g) => g switch
    {
        Grade.Outstanding => Color.FromHex("#FDE725"),
        Grade.Good => Color.FromHex("#5EC962"),
        Grade.RequiresImprovement => Color.FromHex("#21918C"),
        _ => Color.FromHex("#3B528B"),
    };

    /// <summary>A grade in a legend that spans the change of framework in November 2013.</summary>
    public static string GradeLabel(Grade g) => g == Grade.RequiresImprovement
        ? $"{Grades.DisplayName(g)} (adequate before November 2013)"
        : Grades.DisplayName(g);

    public static string ArrangementLabel(Arranged a)
    {
        var label = Arrangements.DisplayName(a.Arrangement);
        return a.Partner ? label + " with improvement partner" : label;
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

    /// <summary>Whole years on the time axis (automatic spacing).</summary>
    public static void YearTicks(Plot plot) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => x.ToString("0", CultureInfo.InvariantCulture),
            IntegerTicksOnly = true,
            TickDensity = 0.5,
        };

    /// <summary>
    /// Years on the time axis from <paramref name="from"/> to <paramref name="to"/> (decimal years):
    /// a labelled tick at 1 January every year for a short run, every 2 years up to 20 years, every
    /// 5 beyond, with an unlabelled tick at every other 1 January, so labels never crowd.
    /// </summary>
    public static void YearTicks(Plot plot, double from, double to)
    {
        var first = (int)Math.Ceiling(from);
        var last = (int)Math.Floor(to);
        var step = YearStep(last - first);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var year = first; year <= last; year++)
        {
            if (year % step == 0) ticks.AddMajor(year, year.ToString(CultureInfo.InvariantCulture));
            else ticks.AddMinor(year);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>Years between labelled ticks for a span of <paramref name="years"/>.</summary>
    public static int YearStep(int years) => years <= 10 ? 1 : years <= 20 ? 2 : 5;

    /// <summary>A share axis labelled 0% to 100% in quarters.</summary>
    public static void PercentTicks(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"]);

    /// <summary>A share axis (values 0 to 1) with automatic ticks labelled in percent: 5%, 10%, ...</summary>
    public static void PercentTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => (x * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%",
            TickDensity = 0.5,
        };

    /// <summary>Automatic ticks on a value axis, spaced so labels stay apart at the saved size.</summary>
    public static void ValueTicks(IAxis axis) =>
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.5 };

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

    /// <summary>What a run's figures share in their captions: the scenario, replicates, seed and where the mechanisms are described.</summary>
    public static string Provenance(Scenario scenario, int replicates) => string.Create(CultureInfo.InvariantCulture,
        $"Scenario '{scenario.Name}', {replicates} replicates, seed {scenario.Setup.Seed}; judgements emerge from the simulated service, they are not inputs. Mechanisms and sources: docs/ODD.md.");

    /// <summary>Writes every figure for every council; returns the files written (relative to the run folder).</summary>
    public static IReadOnlyList<string> Write(string runFolder, Scenario scenario, RunSummary summary)
    {
        var folder = Path.Combine(runFolder, Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var (figure, draw) in All(scenario, summary))
        {
            Save(draw(), folder, figure.Name);
            written.Add($"{Folder}/{figure.Name}.png");
            written.Add($"{Folder}/{figure.Name}.svg");
        }
        return written;
    }

    /// <summary>The national figure of a run of many councils, if it draws one.</summary>
    public static CaptionedFigure? NationalFigure(Scenario scenario, RunSummary summary) =>
        All(scenario, summary).Select(f => f.Figure).FirstOrDefault(f => f.Name == "national");

    /// <summary>A council's figures (names with the council's prefix when a run has several), with titles and captions.</summary>
    public static IReadOnlyList<CaptionedFigure> CouncilFigures(Scenario scenario, RunSummary summary, CouncilSummary council) =>
        [.. Council(scenario, summary, council).Select(f => f.Figure)];

    private static IEnumerable<(CaptionedFigure Figure, Func<Plot> Draw)> All(Scenario scenario, RunSummary summary)
    {
        if (summary.Councils.Count >= National.MinCouncils)
        {
            yield return (new CaptionedFigure("national", National.Title(summary), National.Caption(scenario, summary)), () => National.Figure(scenario, summary));
        }
        foreach (var council in Drawn(summary))
        {
            foreach (var f in Council(scenario, summary, council)) yield return f;
        }
    }

    private static IEnumerable<(CaptionedFigure Figure, Func<Plot> Draw)> Council(Scenario scenario, RunSummary summary, CouncilSummary council)
    {
        var prefix = summary.Councils.Count > 1 ? $"{council.Id}-" : "";
        var provenance = Provenance(scenario, summary.Replicates);
        const string strip = " The strip beneath the time axis shows the arrangement most replicates are under, with its key below it.";
        const string bands = "medians (lines) with the middle 50% (darker band) and 90% (lighter band) of replicates.";
        (CaptionedFigure, Func<Plot>) Make(string name, string title, string caption, Func<string, Plot> draw) =>
            (new CaptionedFigure(prefix + name, $"{council.Name}: {title}", caption), () => draw($"{council.Name}: {title}"));

        var documented = scenario.Documented.Where(d => d.Council == council.Id).ToList();
        yield return Make("rating", "judgement in force",
            $"{council.Name}: the share of replicates with each judgement in force, month by month (stacked, worst at the bottom; grey before a replicate's first inspection). "
            + "The black line is the most likely grade in force (right axis)"
            + (documented.Count > 0 ? "; black diamonds are the documented judgements (sources in the report's table)." : ".")
            + strip + " " + provenance,
            title => Rating(scenario, summary, council, title));
        yield return Make("caseload", "caseload per social worker",
            $"{council.Name}: open cases per case-holding FTE (social workers in post and agency), {bands} The dotted line is the median across replicates of the 90th-percentile caseload across workers.{strip} {provenance}",
            title => Bands(summary, council, title, "caseload (cases per FTE)", false,
                [(Metric.CaseloadPerWorker, "caseload per FTE", 0), (Metric.CaseloadP90, "90th-percentile caseload across workers", 3)]));
        yield return Make("workforce", "agency share and vacancy rate",
            $"{council.Name}: agency share (agency ÷ (agency + in post)) and vacancy rate (vacancies ÷ (vacancies + in post)), the workforce census definitions, in percent: {bands}{strip} {provenance}",
            title => Bands(summary, council, title, "share of posts (%)", true,
                [(Metric.AgencyShare, "agency share", 1), (Metric.VacancyRate, "vacancy rate", 2)]));
        yield return Make("quality", "practice and leadership quality",
            $"{council.Name}: practice quality (the share of cases with good practice) and leadership quality, indices from 0 (worst) to 1 (best): {bands}{strip} {provenance}",
            title => Bands(summary, council, title, "index (0 worst, 1 best)", false,
                [(Metric.PracticeQuality, "practice quality", 1), (Metric.LeadershipQuality, "leadership quality", 2)]));
        yield return Make("money", "spend against budget",
            $"{council.Name}: spend on the service, {bands} The dotted line is the median budget (including improvement funding).{strip} {provenance}",
            title => Bands(summary, council, title, "GBP m per month", false,
                [(Metric.Spend, "spend", 1), (Metric.Budget, "budget", 3)]));
    }

    private static Plot NewPlot(RunSummary summary, string title)
    {
        var plot = new Plot();
        plot.Title(title, 18);
        var xs = summary.Months.Select(X).ToArray();
        plot.Axes.SetLimitsX(xs[0] - 0.2, xs[^1] + 0.2);
        YearTicks(plot, xs[0] - 0.2, xs[^1] + 0.2);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.XLabel("year", 14);
        return plot;
    }

    /// <summary>
    /// Adds the arrangement most replicates are under as a strip in its own panel beneath the time
    /// axis (outside the data area), with its own key: one swatch per shade shown, naming the
    /// arrangements drawn in it.
    /// </summary>
    private static void ArrangementStrip(Plot plot, RunSummary summary, CouncilSummary council)
    {
        var boxes = new List<(double From, double To, Color Fill)>();
        var key = new List<(Color Fill, List<string> Names)>();
        var start = 0;
        for (var i = 1; i <= council.Arrangements.Count; i++)
        {
            if (i < council.Arrangements.Count && council.Arrangements[i] == council.Arrangements[start]) continue;
            var a = council.Arrangements[start];
            var shade = ArrangementShade(a);
            boxes.Add((X(summary.Months[start]) - 0.5 / 12, X(summary.Months[i - 1]) + 0.5 / 12, shade));
            var entry = key.FindIndex(k => k.Fill == shade);
            if (entry < 0) key.Add((shade, [ArrangementLabel(a)]));
            else if (!key[entry].Names.Contains(ArrangementLabel(a))) key[entry].Names.Add(ArrangementLabel(a));
            start = i;
        }
        plot.Axes.AddPanel(new ArrangementPanel(boxes, [.. key.Select(k => (k.Fill, string.Join(" / ", k.Names)))]));
    }

    /// <summary>
    /// The arrangement strip: a thin panel below the time axis, aligned with the data area, with a
    /// heading and a key of its shades beneath it (wrapped to the width of the data area).
    /// </summary>
    private sealed class ArrangementPanel(IReadOnlyList<(double From, double To, Color Fill)> boxes, IReadOnlyList<(Color Fill, string Name)> key) : IPanel
    {
        private const float Gap = 8;
        private const float Thickness = 14;
        private const float Row = 20;
        private const float Swatch = 22;
        private const float FontSize = 13;
        private const string Heading = "arrangement most replicates are under:";

        public bool IsVisible { get; set; } = true;
        public float MinimumSize { get; set; }
        public float MaximumSize { get; set; } = float.MaxValue;
        public Edge Edge { get; set; } = Edge.Bottom;
        public bool ShowDebugInformation { get; set; }

        private static LabelStyle Text(string text) =>
            new() { Text = text, FontSize = FontSize, Alignment = Alignment.MiddleLeft, ForeColor = Colors.Black };

        /// <summary>The key's entries laid out in rows no wider than <paramref name="width"/>: each entry's left edge and row.</summary>
        private List<(float Left, int Row)> Layout(float width, Paint paint)
        {
            var places = new List<(float, int)>();
            var x = Text(Heading).Measure(paint).Width + 12;
            var row = 0;
            foreach (var (_, name) in key)
            {
                var w = Swatch + 6 + Text(name).Measure(paint).Width + 18;
                if (x + w > width && x > 0)
                {
                    row++;
                    x = 0;
                }
                places.Add((x, row));
                x += w;
            }
            return places;
        }

        private int Rows(float width, Paint paint) => key.Count == 0 ? 1 : Layout(width, paint).Max(p => p.Row) + 1;

        // The data area is about the figure's width less its margins when the panel is measured.
        public float Measure(Paint paint) => IsVisible ? Gap + Thickness + Gap / 2 + Row * Rows(Width - 180, paint) : 0;

        public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
            new(dataRect.Left, dataRect.Right, dataRect.Bottom + offset + size, dataRect.Bottom + offset);

        public void Render(RenderPack rp, float size, float offset)
        {
            if (!IsVisible) return;
            var data = rp.DataRect;
            var top = data.Bottom + offset + Gap;
            var axis = rp.Plot.Axes.Bottom;
            var outline = new LineStyle { Color = Colors.Gray, Width = 1 };
            foreach (var (from, to, fill) in boxes)
            {
                var left = Math.Max(data.Left, axis.GetPixel(from, data));
                var right = Math.Min(data.Right, axis.GetPixel(to, data));
                if (right <= left) continue;
                var rect = new PixelRect(left, right, top + Thickness, top);
                Drawing.FillRectangle(rp.Canvas, rect, rp.Paint, new FillStyle { Color = fill });
                Drawing.DrawRectangle(rp.Canvas, rect, rp.Paint, outline);
            }
            var keyTop = top + Thickness + Gap / 2;
            Text(Heading).Render(rp.Canvas, new Pixel(data.Left, keyTop + Row / 2), rp.Paint);
            var places = Layout(data.Width, rp.Paint);
            for (var k = 0; k < key.Count; k++)
            {
                var (x, row) = places[k];
                var middle = keyTop + row * Row + Row / 2;
                var swatch = new PixelRect(data.Left + x, data.Left + x + Swatch, middle + 6, middle - 6);
                Drawing.FillRectangle(rp.Canvas, swatch, rp.Paint, new FillStyle { Color = key[k].Fill });
                Drawing.DrawRectangle(rp.Canvas, swatch, rp.Paint, outline);
                Text(key[k].Name).Render(rp.Canvas, new Pixel(data.Left + x + Swatch + 6, middle), rp.Paint);
            }
        }
    }

    /// <summary>The rating figure: the share of replicates by judgement in force, the most likely grade, documented judgements and the arrangement.</summary>
    public static Plot Rating(Scenario scenario, RunSummary summary, CouncilSummary council, string? title = null)
    {
        var plot = NewPlot(summary, title ?? $"{council.Name}: judgement in force");
        var xs = summary.Months.Select(X).ToArray();

        // Stacked bands: the share of replicates whose judgement in force is each grade, worst at
        // the bottom; a grade no replicate ever had in force is left out (and out of the legend).
        var lower = council.GradeShares.Select(s => s.Unjudged).ToArray();
        if (lower.Any(v => v > 0))
        {
            var none = plot.Add.FillY(xs, new double[xs.Length], lower);
            none.FillColor = Color.FromHex("#DDDDDD");
            none.LineColor = Colors.Transparent;
            none.LegendText = "not yet judged";
        }
        foreach (var g in new[] { Grade.Inadequate, Grade.RequiresImprovement, Grade.Good, Grade.Outstanding })
        {
            if (council.GradeShares.All(s => s.Shares[(int)g] == 0)) continue;
            var upper = lower.Select((v, i) => v + council.GradeShares[i].Shares[(int)g]).ToArray();
            var fill = plot.Add.FillY(xs, lower, upper);
            fill.FillColor = GradeColor(g).WithAlpha(0.6);
            fill.LineColor = Colors.Transparent;
            fill.LegendText = GradeLabel(g);
            lower = upper;
        }
        plot.Axes.Left.Label.Text = "share of replicates (%)";
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.SetLimitsY(0, 1);
        PercentTicks(plot);

        // The modal grade in force, as a step chart on a four-grade axis (right).
        var modal = council.GradeShares.Select(s =>
        {
            var best = Enumerable.Range(1, 4).OrderByDescending(k => s.Shares[k]).ThenBy(k => k).First();
            return s.Shares[best] > 0 ? best : double.NaN;
        }).ToArray();
        if (modal.Any(double.IsFinite))
        {
            var step = plot.Add.Scatter(xs, modal);
            step.ConnectStyle = ConnectStyle.StepHorizontal;
            step.LineWidth = 3;
            step.MarkerSize = 0;
            step.Color = Colors.Black;
            step.LegendText = "most likely grade in force (right axis)";
            step.Axes.YAxis = plot.Axes.Right;
        }
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [1, 2, 3, 4], [.. new[] { Grade.Inadequate, Grade.RequiresImprovement, Grade.Good, Grade.Outstanding }.Select(g => g == Grade.RequiresImprovement ? "req. improvement" : Grades.DisplayName(g))]);
        plot.Axes.Right.TickLabelStyle.FontSize = 14;
        plot.Axes.Right.Label.Text = "grade";
        plot.Axes.Right.Label.FontSize = 14;
        plot.Axes.SetLimitsY(0.5, 4.5, plot.Axes.Right);

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
        ArrangementStrip(plot, summary, council);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static Plot Bands(RunSummary summary, CouncilSummary council, string title, string unit, bool percent,
        IReadOnlyList<(Metric Metric, string Label, int Colour)> series)
    {
        var plot = NewPlot(summary, title);
        var xs = summary.Months.Select(X).ToArray();
        Color[] palette = [OkabeIto.Black, OkabeIto.Blue, OkabeIto.Vermillion, OkabeIto.Black];
        var top = 0.0;
        foreach (var (metric, label, colour) in series)
        {
            var bands = council.Bands(metric);
            // A series with no value in any month (a metric the run did not report) is left out, legend and all.
            if (!bands.Any(b => double.IsFinite(b.P50))) continue;
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
            if (colour == 3) median.LinePattern = LinePattern.Dotted;
            median.LegendText = colour == 3 ? $"{label} (median)" : $"{label}: median, 50% and 90% of replicates";
            top = Math.Max(top, bands.Where(b => double.IsFinite(b.P95)).Select(b => b.P95).DefaultIfEmpty(0).Max());
        }
        plot.Axes.Left.Label.Text = unit;
        plot.Axes.Left.Label.FontSize = 14;
        if (percent) PercentTicks(plot.Axes.Left);
        else ValueTicks(plot.Axes.Left);
        top = top > 0 ? top : 1;
        plot.Axes.SetLimitsY(0, top * 1.05);
        ArrangementStrip(plot, summary, council);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
