using System.Globalization;
using ScottPlot;
using Simulation.Model.Time;
using Simulation.Silo.Backtest;

namespace Simulation.Silo.Plots;

/// <summary>
/// plots/backtest: the reliability diagram of a backtest. Each forecaster's probabilities of every
/// grade for every target are binned; a point is a bin's mean forecast against how often the grade
/// was given. A reliable forecaster lies on the diagonal.
/// </summary>
public static class BacktestFigure
{
    private static readonly Dictionary<string, (Color Color, MarkerShape Shape)> Styles = new(StringComparer.Ordinal)
    {
        ["model"] = (OkabeIto.Blue, MarkerShape.FilledCircle),
        ["persistence"] = (OkabeIto.Vermillion, MarkerShape.FilledSquare),
        ["climatology"] = (OkabeIto.BluishGreen, MarkerShape.FilledTriangleUp),
        ["markov"] = (OkabeIto.ReddishPurple, MarkerShape.FilledDiamond),
    };

    /// <summary>Bins with fewer (forecast, grade) pairs than this are too noisy to draw.</summary>
    public const int MinCount = 5;

    public static void Write(string runFolder, Month cutoff, IReadOnlyList<ForecasterSummary> summaries, IReadOnlyList<ReliabilityBin> bins)
    {
        var folder = Path.Combine(runFolder, Figures.Folder);
        Directory.CreateDirectory(folder);
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.Color = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        foreach (var s in summaries)
        {
            var mine = bins.Where(b => b.Forecaster == s.Forecaster && b.Count >= MinCount).ToList();
            if (mine.Count == 0) continue;
            var (color, shape) = Styles.GetValueOrDefault(s.Forecaster, (Colors.Black, MarkerShape.OpenCircle));
            var line = plot.Add.Scatter(mine.Select(b => b.MeanForecast).ToArray(), mine.Select(b => b.ObservedFrequency).ToArray());
            line.Color = color;
            line.MarkerShape = shape;
            line.MarkerSize = 7;
            line.LegendText = string.Create(CultureInfo.InvariantCulture,
                $"{BacktestReport.DisplayName(s.Forecaster)}: RPS {s.MeanRps:0.000}, log score {s.MeanLogScore:0.00}, accuracy {s.Accuracy:0%} (n = {s.Count})");
        }
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Backtest from {cutoff}: reliability of grade forecasts"), 18);
        plot.XLabel("forecast probability of a grade (%)", 14);
        plot.YLabel("observed frequency of that grade (%)", 14);
        plot.Axes.SetLimits(0, 1, 0, 1);
        Figures.PercentTicks(plot);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.ShowLegend(Alignment.UpperLeft);
        Figures.Save(plot, folder, BacktestReport.FigureName);
    }
}
