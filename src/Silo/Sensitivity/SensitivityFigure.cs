using System.Globalization;
using ScottPlot;
using Simulation.Silo.Plots;

namespace Simulation.Silo.Sensitivity;

/// <summary>
/// plots/sensitivity-OUTCOME: for Morris, each parameter's μ* (overall influence) against σ
/// (interactions and non-linearity), labelled; for Sobol', the first- and total-order indices of
/// the most influential parameters as bars with their 95% bootstrap intervals.
/// </summary>
public static class SensitivityFigure
{
    /// <summary>Parameters drawn in a Sobol' figure (by total order), so labels stay readable.</summary>
    public const int MaxBars = 15;

    public static string FileName(string outcome) =>
        "sensitivity-" + new string([.. outcome.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Replace("_", "-", StringComparison.Ordinal);

    public static void Write(string folder, SensitivityPlan plan, IReadOnlyList<SensitivityRow> rows)
    {
        var plots = Path.Combine(folder, Figures.Folder);
        Directory.CreateDirectory(plots);
        foreach (var outcome in plan.Outcomes)
        {
            var mine = rows.Where(r => r.Outcome == outcome.Name).ToList();
            var plot = plan.Method == "sobol" ? Sobol(plan, outcome, mine) : Morris(plan, outcome, mine);
            Figures.Save(plot, plots, FileName(outcome.Name));
        }
    }

    private static string Title(SensitivityPlan plan, SensitivityOutcome outcome) =>
        $"{plan.Scenario.Name}{(plan.Versus is null ? "" : $" minus {plan.Versus.Name}")}: {outcome.Name}";

    private static Plot Morris(SensitivityPlan plan, SensitivityOutcome outcome, List<SensitivityRow> rows)
    {
        var plot = new Plot();
        plot.Title(Title(plan, outcome) + " (Morris screening)", 16);
        plot.XLabel("μ*: mean absolute change of the outcome over the parameter's range", 14);
        plot.Axes.Left.Label.Text = "σ: spread of those changes (interactions, non-linearity)";
        plot.Axes.Left.Label.FontSize = 14;
        var factors = rows.Where(r => r.Statistic == "mu_star").Select(r => r.Parameter).ToList();
        var xs = factors.Select(f => rows.First(r => r.Parameter == f && r.Statistic == "mu_star").Estimate).ToArray();
        var ys = factors.Select(f => rows.First(r => r.Parameter == f && r.Statistic == "sigma").Estimate).ToArray();
        var dots = plot.Add.Scatter(xs, ys);
        dots.LineWidth = 0;
        dots.MarkerSize = 9;
        dots.Color = Comparison.ColorOf(0);
        // Label the most influential parameters, skipping any whose label would overlap one already
        // placed (sensitivity.csv lists them all), so the labels stay readable.
        var top = Math.Max(xs.DefaultIfEmpty(0).Max(), ys.DefaultIfEmpty(0).Max());
        var placed = new List<(double X, double Y)>();
        foreach (var i in Enumerable.Range(0, factors.Count).OrderByDescending(i => xs[i]).Take(12))
        {
            var (x, y) = (xs[i] / (top * 1.35 + 1e-12), ys[i] / (top * 1.1 + 1e-12));
            if (placed.Any(p => Math.Abs(p.Y - y) < 0.045 && Math.Abs(p.X - x) < 0.3)) continue;
            placed.Add((x, y));
            var label = plot.Add.Text(factors[i], xs[i], ys[i]);
            label.LabelFontSize = 12;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 6;
        }
        Figures.ValueTicks(plot.Axes.Bottom);
        Figures.ValueTicks(plot.Axes.Left);
        if (rows.FirstOrDefault(r => r.Parameter == SensitivityAnalysis.Chance && r.Statistic == "mu_star_chance_floor") is { Estimate: var floor } && double.IsFinite(floor))
        {
            // Left of this line an effect cannot be told from chance (conservative: points treated as independent).
            var line = plot.Add.VerticalLine(floor);
            line.Color = Colors.Gray;
            line.LineWidth = 1.5f;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"μ* that chance alone gives (about {floor:G3})");
            top = Math.Max(top, floor);
            plot.ShowLegend(Edge.Bottom);
        }
        plot.Axes.SetLimits(0, top * 1.35 + 1e-12, 0, top * 1.1 + 1e-12);
        return plot;
    }

    private static Plot Sobol(SensitivityPlan plan, SensitivityOutcome outcome, List<SensitivityRow> rows)
    {
        var plot = new Plot();
        plot.Title(Title(plan, outcome) + " (Sobol' indices)", 16);
        var chance = rows.FirstOrDefault(r => r.Parameter == SensitivityAnalysis.Chance && r.Statistic == "chance_share_of_variance")?.Estimate ?? double.NaN;
        plot.XLabel(string.Create(CultureInfo.InvariantCulture,
            $"share of the outcome's variance; whiskers: 95% bootstrap intervals (axis clipped to -1 to 1.2); chance alone: about {chance:0%} of the variance"), 13);
        var order = rows.Where(r => r.Statistic == "total_order" && r.Parameter != SensitivityAnalysis.Chance).OrderByDescending(r => double.IsFinite(r.Estimate) ? r.Estimate : -1).Take(MaxBars).Select(r => r.Parameter).ToList();
        var ticks = new List<Tick>();
        for (var i = 0; i < order.Count; i++)
        {
            // The most influential parameter at the top; labels horizontal, on the left.
            var y = order.Count - 1 - i;
            foreach (var (statistic, offset, colour, label) in new[] { ("total_order", 0.2, 1, "total order"), ("first_order", -0.2, 0, "first order") })
            {
                var r = rows.First(x => x.Parameter == order[i] && x.Statistic == statistic);
                var bar = plot.Add.Bar(new Bar
                {
                    Position = y + offset,
                    Value = double.IsFinite(r.Estimate) ? r.Estimate : 0,
                    Size = 0.38,
                    FillColor = Comparison.ColorOf(colour),
                    Orientation = Orientation.Horizontal,
                });
                if (i == 0) bar.LegendText = label;
                if (double.IsFinite(r.Low95) && double.IsFinite(r.High95))
                {
                    var whisker = plot.Add.Line(r.Low95, y + offset, r.High95, y + offset);
                    whisker.Color = Colors.Black;
                    whisker.LineWidth = 1.5f;
                }
            }
            ticks.Add(new Tick(y, order[i]));
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.SetLimitsY(-0.7, order.Count - 0.3);
        plot.Axes.SetLimitsX(-1, 1.2);
        Figures.ValueTicks(plot.Axes.Bottom);
        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Gray;
        zero.LineWidth = 1;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
