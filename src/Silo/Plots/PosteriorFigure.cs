using System.Globalization;
using ScottPlot;
using Simulation.Silo.Calibration;

namespace Simulation.Silo.Plots;

/// <summary>
/// The posterior's figures: <c>posterior-marginals</c>, each parameter's 5-95% posterior range and
/// mean on its prior range (a bar across the whole width: the record does not identify it), and
/// <c>posterior-pairs</c>, the particles of the most strongly correlated pairs of parameters (what
/// the record identifies only in combination), each on its prior ranges.
/// </summary>
public static class PosteriorFigure
{
    public const string Marginals = "posterior-marginals";
    public const string Pairs = "posterior-pairs";

    public static IReadOnlyList<string> Write(string folder, Posterior posterior, int pairs = 3)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var marginals = posterior.Marginals();
        var plot = new Plot();
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < marginals.Count; i++)
        {
            var m = marginals[i];
            var y = marginals.Count - 1 - i;
            var bar = plot.Add.Line(m.Scaled(m.P05), y, m.Scaled(m.P95), y);
            bar.LineWidth = 5;
            bar.Color = m.Identified switch { "yes" => OkabeIto.Blue, "partly" => OkabeIto.SkyBlue, _ => Color.FromHex("#BBBBBB") };
            // One legend entry per class of identification that occurs.
            if (named.Add(m.Identified))
            {
                bar.LegendText = m.Identified switch
                {
                    "yes" => "identified: posterior sd below half the prior's",
                    "partly" => "partly identified",
                    _ => "not identified",
                };
            }
            var mean = plot.Add.Marker(m.Scaled(m.Mean), y);
            mean.Color = Colors.Black;
            mean.Size = 6;
            if (i == 0) mean.LegendText = "posterior mean";
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, marginals.Count).Select(i => (double)(marginals.Count - 1 - i))],
            [.. marginals.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Parameter.Key} (sd ratio {m.SdRatio:0.00})"))]);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"]);
        plot.Axes.SetLimits(-0.02, 1.02, -1, marginals.Count);
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Posterior of {posterior.Parameters.Count} parameters: 5-95% range and mean ({posterior.Values.Count} particles, {posterior.Distinct} distinct)"));
        plot.XLabel("position in the prior (search) range, from its low end (0%) to its high end (100%)");
        plot.ShowLegend(Edge.Bottom);
        Save(plot, folder, Marginals, 1400, Math.Max(600, 24 * marginals.Count + 160));
        written.Add(Marginals);

        var strongest = posterior.StrongestPairs(pairs);
        for (var k = 0; k < strongest.Count; k++)
        {
            var (a, b, r) = strongest[k];
            var pa = posterior.Parameters[a];
            var pb = posterior.Parameters[b];
            var scatter = new Plot();
            var points = scatter.Add.ScatterPoints(
                posterior.Values.Select(v => v[a]).ToArray(), posterior.Values.Select(v => v[b]).ToArray());
            points.Color = Color.FromHex("#0072B2").WithAlpha(0.5);
            points.MarkerSize = 6;
            scatter.Axes.SetLimits(pa.SearchLow, pa.SearchHigh, pb.SearchLow, pb.SearchHigh);
            scatter.Title(string.Create(CultureInfo.InvariantCulture, $"Posterior particles: correlation {r:0.00}"));
            scatter.XLabel($"{pa.Key} ({pa.Unit}), whole prior range");
            scatter.YLabel($"{pb.Key} ({pb.Unit})");
            var name = $"{Pairs}-{k + 1}";
            Save(scatter, folder, name, 800, 700);
            written.Add(name);
        }
        return written;
    }

    private static void Save(Plot plot, string folder, string name, int width, int height)
    {
        plot.SavePng(Path.Combine(folder, $"{name}.png"), width, height);
        plot.SaveSvg(Path.Combine(folder, $"{name}.svg"), width, height);
    }
}
