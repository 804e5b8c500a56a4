using System.Globalization;
using System.Text;
using ScottPlot;
using Simulation.Silo.Output;
using Simulation.Silo.Plots;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Outcomes;

/// <summary>One Kaplan–Meier curve of the time to good: whose it is and the subjects it was fitted to.</summary>
public sealed record TimeToGoodCurve(string Run, string Council, IReadOnlyList<SurvivalTime> Times)
{
    public KaplanMeier Fit() => KaplanMeier.Fit(Times);
}

/// <summary>
/// time-to-good.csv and its figure: the time from a council's first inadequate judgement to its first
/// good or better one as survival analysis (Kaplan–Meier, censored at the run's end), so a median is
/// only reported when more than half got there, and with its 95% interval.
/// </summary>
public static class TimeToGoodTable
{
    public const string FileName = "time-to-good.csv";
    public const string FigureName = "time-to-good";

    /// <summary>The curves of a run or experiment: per variant, one per council and, with several councils, all pooled.</summary>
    public static IReadOnlyList<TimeToGoodCurve> Curves(IReadOnlyList<VariantOutcomes> variants)
    {
        var curves = new List<TimeToGoodCurve>();
        foreach (var v in variants)
        {
            foreach (var c in v.Outcomes.Councils) curves.Add(new TimeToGoodCurve(v.Variant, c, v.Outcomes.Times(c)));
            if (v.Outcomes.Councils.Count > 1) curves.Add(new TimeToGoodCurve(v.Variant, OutcomeTable.AllCouncils, v.Outcomes.Times()));
        }
        return curves;
    }

    /// <summary>Writes time-to-good.csv and, when any council was judged inadequate, plots/time-to-good (the pooled or single curve of each variant).</summary>
    public static void Write(string folder, IReadOnlyList<VariantOutcomes> variants, string title)
    {
        var curves = Curves(variants);
        File.WriteAllText(Path.Combine(folder, FileName), Csv(curves));
        var drawn = curves.Where(c => c.Council == OutcomeTable.AllCouncils || variants.First(v => v.Variant == c.Run).Outcomes.Councils.Count == 1).ToList();
        if (variants.Count == 1 && variants[0].Outcomes.Councils.Count is > 1 and <= Figures.MaxCouncilFigures) drawn = [.. curves];
        if (drawn.All(c => c.Times.Count == 0)) return;
        var plots = Path.Combine(folder, Figures.Folder);
        Directory.CreateDirectory(plots);
        var label = variants.Count == 1 ? (Func<TimeToGoodCurve, string>)(c => c.Council == OutcomeTable.AllCouncils ? "all councils" : c.Council) : c => c.Run;
        Figures.Save(Figure([.. drawn.Select(c => (label(c), c.Fit()))], title), plots, FigureName);
    }

    /// <summary>The curves' steps: one row per curve and time at which some council reached good.</summary>
    public static string Csv(IReadOnlyList<TimeToGoodCurve> curves)
    {
        var sb = new StringBuilder("run,council,months,at_risk,reached_good,censored,share_good,share_good_low_95,share_good_high_95\n");
        foreach (var curve in curves)
        {
            if (curve.Times.Count == 0) continue;
            var km = curve.Fit();
            sb.Append(Output.Csv.Field(curve.Run)).Append(',').Append(Output.Csv.Field(curve.Council))
                .Append(CultureInfo.InvariantCulture, $",0,{km.Count},0,0,0,0,0\n");
            foreach (var s in km.Steps)
            {
                sb.Append(Output.Csv.Field(curve.Run)).Append(',').Append(Output.Csv.Field(curve.Council)).Append(',')
                    .Append(Output.Csv.Number(s.Time)).Append(CultureInfo.InvariantCulture, $",{s.AtRisk},{s.Events},{s.Censored},")
                    .Append(Output.Csv.Number(1 - s.Survival)).Append(',').Append(Output.Csv.Number(1 - s.High95)).Append(',').Append(Output.Csv.Number(1 - s.Low95))
                    .Append('\n');
            }
        }
        return sb.ToString();
    }

    /// <summary>Curves beyond which the pointwise bands are left out, so the lines stay readable (time-to-good.csv has them).</summary>
    public const int MaxBands = 4;

    /// <summary>
    /// Kaplan–Meier curves as the share good by then (1 − S), with the pointwise 95% band (up to
    /// <see cref="MaxBands"/> curves), the median marked where reached; one colour per curve.
    /// </summary>
    public static Plot Figure(IReadOnlyList<(string Label, KaplanMeier Km)> curves, string title)
    {
        var plot = new Plot();
        plot.Title($"{title}: time from the first inadequate judgement to the first good one", 16);
        plot.XLabel("years since the first inadequate judgement", 14);
        plot.Axes.Left.Label.Text = "share judged good or better by then (%)";
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        var longest = 1.0;
        for (var k = 0; k < curves.Count; k++)
        {
            var (label, km) = curves[k];
            if (km.Count == 0) continue;
            var color = Comparison.ColorOf(k);
            var xs = new List<double> { 0 };
            var ys = new List<double> { 0 };
            var lo = new List<double> { 0 };
            var hi = new List<double> { 0 };
            foreach (var s in km.Steps)
            {
                xs.Add(s.Time / 12.0);
                ys.Add(1 - s.Survival);
                lo.Add(1 - s.High95);
                hi.Add(1 - s.Low95);
            }
            longest = Math.Max(longest, xs[^1]);
            if (xs.Count > 1 && curves.Count <= MaxBands)
            {
                // The band as steps: each value holds until the next time.
                var bx = new List<double>();
                var bl = new List<double>();
                var bh = new List<double>();
                for (var i = 0; i < xs.Count; i++)
                {
                    var next = i + 1 < xs.Count ? xs[i + 1] : xs[i];
                    bx.Add(xs[i]); bl.Add(lo[i]); bh.Add(hi[i]);
                    bx.Add(next); bl.Add(lo[i]); bh.Add(hi[i]);
                }
                var band = plot.Add.FillY(bx.ToArray(), bl.ToArray(), bh.ToArray());
                band.FillColor = color.WithAlpha(0.15);
                band.LineColor = Colors.Transparent;
            }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = color;
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            var (median, low, high) = km.Median();
            line.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"{label}: {km.Events} of {km.Count} reach good; median {Median(median, low, high)}");
            if (double.IsFinite(median))
            {
                var mark = plot.Add.Scatter(new[] { median / 12.0 }, new[] { 1 - km.SurvivalAt(median) });
                mark.Color = color;
                mark.LineWidth = 0;
                mark.MarkerSize = 10;
                mark.MarkerShape = Comparison.ShapeOf(k);
            }
        }
        var half = plot.Add.HorizontalLine(0.5);
        // Solid: SVG output cannot draw dash patterns (SkiaSharp's SVG canvas drops path effects, and says so on the console).
        half.Color = Colors.Gray.WithAlpha(0.5);
        half.LineWidth = 1;
        plot.Axes.SetLimitsX(0, longest + 0.25);
        Figures.ValueTicks(plot.Axes.Bottom);
        plot.Axes.SetLimitsY(0, 1.02);
        Figures.PercentTicks(plot);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>A median in years with its interval, as prose.</summary>
    public static string Median(double median, double low, double high) =>
        double.IsNaN(median) ? "not reached (fewer than half reach good within the run)"
            : string.Create(CultureInfo.InvariantCulture,
                $"{median / 12:0.0} years (95% CI {(double.IsFinite(low) ? (low / 12).ToString("0.0", CultureInfo.InvariantCulture) : "?")} to {(double.IsFinite(high) ? (high / 12).ToString("0.0", CultureInfo.InvariantCulture) + " years" : "beyond the run")})");
}
