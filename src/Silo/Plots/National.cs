using System.Globalization;
using ScottPlot;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Plots;

/// <summary>
/// The national picture for runs with many councils: the share of councils by latest judgement
/// over time, with the published national shares (NATIONAL.md) as markers and, for a run
/// conditioned on a judgement record, the record's own shares by latest graded inspection.
/// </summary>
public static class National
{
    /// <summary>Councils from which a run draws the national figure.</summary>
    public const int MinCouncils = 20;

    /// <summary>Published shares of authorities by latest grade (NATIONAL.md, "National shares of authorities by latest grade").</summary>
    public static readonly IReadOnlyList<(Month Month, double? Inadequate, double? GoodOrBetter, string Note)> Published =
    [
        (Month.Parse("2015-06"), 0.26, null, "26% inadequate of the first 74 SIF inspections (2013-15)"),
        (Month.Parse("2017-10"), 0.19, null, "19% inadequate when the SIF completed (October 2017)"),
        (Month.Parse("2018-12"), 0.13, 0.42, "13% inadequate, 42% good or outstanding (December 2018)"),
        (Month.Parse("2019-12"), 0.12, 0.48, "12% and 48% (2019)"),
        (Month.Parse("2022-03"), null, 0.53, "53% good or outstanding (March 2022)"),
        (Month.Parse("2024-03"), null, 0.60, "60% good or outstanding (March 2024)"),
    ];

    /// <summary>The national figure's short title.</summary>
    public static string Title(RunSummary summary) =>
        string.Create(CultureInfo.InvariantCulture, $"England ({summary.Councils.Count} councils): latest judgement");

    /// <summary>The national figure's caption: what it shows and where its inputs come from.</summary>
    public static string Caption(Scenario scenario, RunSummary summary) =>
        "The share of councils, among those judged so far, whose latest judgement is inadequate and whose latest is good or outstanding, month by month: "
        + "the median across replicates (line) and the middle 90% of replicates (band), against the published national shares of NATIONAL.md (black-edged markers)"
        + (scenario.Observed is null ? ". " : $" and the shares by latest graded inspection in the record the run is conditioned on ({Path.GetFileName(scenario.Observed.File)}; dashed steps; up to the cutoff the simulated judgements at recorded inspections are the recorded ones). ")
        + Figures.Provenance(scenario, summary.Replicates);

    public static Plot Figure(Scenario scenario, RunSummary summary)
    {
        var plot = new Plot();
        plot.Title(Title(summary), 18);
        plot.XLabel("year", 14);
        plot.Axes.Left.Label.Text = "share of councils judged so far (%)";
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        Figures.PercentTicks(plot);
        var xs = summary.Months.Select(Figures.X).ToArray();
        plot.Axes.SetLimitsX(xs[0] - 0.2, xs[^1] + 0.2);
        Figures.YearTicks(plot, xs[0] - 0.2, xs[^1] + 0.2);
        foreach (var (pick, colour, label) in new (Func<(Band Inadequate, Band GoodOrBetter), Band>, Color, string)[]
        {
            (n => n.Inadequate, Figures.GradeColor(Model.Inspection.Grade.Inadequate), "inadequate"),
            (n => n.GoodOrBetter, Figures.GradeColor(Model.Inspection.Grade.Good), "good or outstanding"),
        })
        {
            var bands = summary.National.Select(pick).ToArray();
            Figures.Fill(plot, xs, [.. bands.Select(b => b.P05)], [.. bands.Select(b => b.P95)], colour.WithAlpha(0.2));
            var line = plot.Add.Scatter(xs, bands.Select(b => b.P50).ToArray());
            line.Color = colour;
            line.LineWidth = 2.5f;
            line.MarkerSize = 0;
            line.LegendText = $"simulated {label}: median and 90% of replicates";
        }
        if (scenario.Observed is { } observed)
        {
            var recorded = RecordedShares(observed, summary.Months[0], summary.Months[^1]);
            if (recorded.Count > 0)
            {
                var rx = recorded.Select(r => Figures.X(r.Month)).ToArray();
                foreach (var (values, grade) in new (double[], Model.Inspection.Grade)[]
                {
                    ([.. recorded.Select(r => r.Inadequate)], Model.Inspection.Grade.Inadequate),
                    ([.. recorded.Select(r => r.GoodOrBetter)], Model.Inspection.Grade.Good),
                })
                {
                    var line = plot.Add.Scatter(rx, values);
                    line.Color = Colors.Black;
                    line.LineWidth = 2;
                    line.LinePattern = LinePattern.Dashed;
                    line.MarkerSize = 0;
                    line.ConnectStyle = ConnectStyle.StepHorizontal;
                    var inner = plot.Add.Scatter(rx, values);
                    inner.Color = Figures.GradeColor(grade);
                    inner.LineWidth = 1;
                    inner.MarkerSize = 0;
                    inner.ConnectStyle = ConnectStyle.StepHorizontal;
                    // One legend entry for both recorded lines (their colours say which is which).
                    if (grade == Model.Inspection.Grade.Inadequate)
                        line.LegendText = $"recorded inadequate / good or outstanding: latest graded inspection ({Path.GetFileName(observed.File)}, to {recorded[^1].Month})";
                }
            }
        }
        PublishedMarkers(plot, p => p.Inadequate, MarkerShape.FilledDiamond, 14, Model.Inspection.Grade.Inadequate, "published: inadequate (NATIONAL.md)");
        PublishedMarkers(plot, p => p.GoodOrBetter, MarkerShape.FilledSquare, 12, Model.Inspection.Grade.Good, "published: good or outstanding (NATIONAL.md)");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    /// <summary>
    /// The record's shares of councils by latest graded judgement, month by month from its first
    /// graded inspection to its last (within the run): among the councils with a graded inspection
    /// so far, the share whose latest is inadequate and the share whose latest is good or outstanding.
    /// </summary>
    public static IReadOnlyList<(Month Month, double Inadequate, double GoodOrBetter)> RecordedShares(ObservedRecord observed, Month start, Month end)
    {
        var graded = Calibration.NationalPatterns.FromRecord(observed).Where(j => j.Month >= start && j.Month <= end).ToList();
        var result = new List<(Month, double, double)>();
        if (graded.Count == 0) return result;
        for (var m = graded.Min(j => j.Month); m <= graded.Max(j => j.Month); m += 1)
        {
            var shares = Calibration.NationalPatterns.LatestShares(graded, m, start)!;
            result.Add((m, shares[0], shares[2] + shares[3]));
        }
        return result;
    }

    internal static void PublishedMarkers(Plot plot, Func<(Month Month, double? Inadequate, double? GoodOrBetter, string Note), double?> share,
        MarkerShape shape, float size, Model.Inspection.Grade grade, string label)
    {
        // Only the published shares within the figure's time axis: none, no legend entry.
        var range = plot.Axes.Bottom.Range;
        var points = Published.Where(p => share(p) is not null && Figures.X(p.Month) >= range.Min && Figures.X(p.Month) <= range.Max).ToArray();
        if (points.Length == 0) return;
        var marks = plot.Add.Markers(points.Select(p => Figures.X(p.Month)).ToArray(), points.Select(p => share(p)!.Value).ToArray());
        marks.MarkerShape = shape;
        marks.MarkerSize = size;
        marks.Color = Figures.GradeColor(grade);
        // A filled marker's edge is its outline; ScottPlot draws none unless it has a width.
        marks.MarkerStyle.OutlineColor = Colors.Black;
        marks.MarkerStyle.OutlineWidth = 1.5f;
        marks.LegendText = label;
    }
}
