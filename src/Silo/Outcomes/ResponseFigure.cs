using System.Globalization;
using ScottPlot;
using Simulation.Scenarios;
using Simulation.Silo.Plots;

namespace Simulation.Silo.Outcomes;

/// <summary>
/// plots/response: how an experiment's outcome responds to what it varies. The outcome is the share
/// of histories (replicates, or council-replicates) with a good or better judgement in force at the
/// run's end, with Wilson 95% intervals; across the first swept parameter, one line per value of
/// the second, dodged sideways a little (further parameters are pooled into the line's points), or one point per named
/// variant.
/// </summary>
public static class ResponseFigure
{
    public const string Name = "response";

    public static void Write(string folder, Scenario scenario, Experiment experiment, IReadOnlyList<VariantOutcomes> variants)
    {
        var rows = OutcomeTable.SummaryRows(variants)
            .Where(r => r.Council == OutcomeTable.AllCouncils || variants.First(v => v.Variant == r.Variant).Outcomes.Councils.Count == 1)
            .ToDictionary(r => r.Variant);
        var plot = new Plot();
        plot.Title($"{scenario.Name}: good or better in force at the end of the run ({scenario.Setup.End})", 16);
        plot.Axes.Left.Label.Text = "share of histories good or better (%)";
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        var numeric = experiment.Keys.Length > 0 && variants.All(v => v.Values.Any(x => x.Key == experiment.Keys[0]));
        if (numeric)
        {
            var x = experiment.Keys[0];
            plot.XLabel(x, 14);
            var second = experiment.Keys.Length > 1 ? experiment.Keys[1] : null;
            var groups = variants.GroupBy(v => second is null ? double.NaN : v.Values.First(p => p.Key == second).Value).OrderBy(g => g.Key).ToList();
            var k = 0;
            var all = variants.Select(v => v.Values.First(p => p.Key == x).Value).ToList();
            // Lines of the second parameter are dodged sideways a little, so equal values stay visible.
            var dodge = (all.Max() - all.Min()) * 0.012;
            foreach (var g in groups)
            {
                var points = g.GroupBy(v => v.Values.First(p => p.Key == x).Value).OrderBy(p => p.Key)
                    .Select(p => (X: p.Key, Rows: p.Select(v => rows[v.Variant]).ToList())).ToList();
                var shift = (k - (groups.Count - 1) / 2.0) * dodge;
                var xs = points.Select(p => p.X + shift).ToArray();
                var good = points.Select(p => p.Rows.Sum(r => r.GoodAtEnd)).ToArray();
                var n = points.Select(p => p.Rows.Sum(r => r.Histories)).ToArray();
                var ys = xs.Select((_, i) => n[i] == 0 ? double.NaN : good[i] / (double)n[i]).ToArray();
                var line = plot.Add.Scatter(xs, ys);
                line.Color = Comparison.ColorOf(k);
                line.LineWidth = 2;
                line.MarkerSize = 8;
                line.LegendText = second is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{second} = {g.Key:G4}");
                for (var i = 0; i < xs.Length; i++)
                {
                    if (n[i] == 0) continue;
                    var (low, high) = Comparison.Wilson(ys[i], n[i]);
                    var bar = plot.Add.Line(xs[i], low, xs[i], high);
                    bar.Color = line.Color;
                    bar.LineWidth = 1.5f;
                }
                k++;
            }
            if (second is not null) plot.ShowLegend(Edge.Bottom);
            Figures.ValueTicks(plot.Axes.Bottom);
        }
        else
        {
            plot.XLabel("variant", 14);
            var ids = variants.Select(v => v.Variant).ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                var r = rows[ids[i]];
                var y = r.ShareGoodAtEnd;
                var dot = plot.Add.Scatter(new double[] { i }, new[] { y });
                dot.Color = Comparison.ColorOf(0);
                dot.MarkerSize = 10;
                if (r.Histories == 0) continue;
                var (low, high) = Comparison.Wilson(y, r.Histories);
                var bar = plot.Add.Line(i, low, i, high);
                bar.Color = Comparison.ColorOf(0);
                bar.LineWidth = 1.5f;
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, ids.Length).Select(i => (double)i)], ids);
            plot.Axes.SetLimitsX(-0.5, ids.Length - 0.5);
        }
        plot.Axes.SetLimitsY(0, 1.02);
        Figures.PercentTicks(plot);
        var plots = Path.Combine(folder, Figures.Folder);
        Directory.CreateDirectory(plots);
        Figures.Save(plot, plots, Name);
    }
}
