using System.Globalization;
using System.Net;
using System.Text;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Silo.Output;

namespace Simulation.Silo.Backtest;

/// <summary>
/// A backtest's tables, figure and report section: the model's forecast of every graded inspection
/// of the record after the cutoff (the weighted share of replicates giving each grade) against
/// three baselines built from the same information (persistence, climatology, a Markov chain),
/// scored with the ranked probability score, the log score and accuracy (docs/outputs.md, Backtests).
/// </summary>
public static class BacktestReport
{
    public const string Table = "backtest.csv";
    public const string SummaryTable = "backtest-summary.csv";
    public const string ReliabilityTable = "reliability.csv";
    public const string FigureName = "backtest";

    public static readonly IReadOnlyList<string> Forecasters = ["model", "persistence", "climatology", "markov"];

    /// <summary>Forecasts of every scorable target, by every forecaster, in (month, council, forecaster) order.</summary>
    public static (List<ScoredForecast> Forecasts, int Unscored) Score(ObservedRecord observed, ConditioningSink sink, Month end)
    {
        var cutoff = observed.Until;
        var record = observed.Graded.Select(i => new RecordedJudgement(i.Council, i.Month, i.Judgement!.Overall)).ToList();
        var climatology = Baselines.Climatology(record, cutoff);
        var matrix = Baselines.TransitionMatrix(record, cutoff);
        var latest = Baselines.LatestAt(record, cutoff);
        var forecasts = new List<ScoredForecast>();
        var unscored = 0;
        foreach (var target in observed.Graded.Where(i => i.Month > cutoff && i.Month <= end))
        {
            var model = sink.Forecast(target.Council, target.Month);
            if (model is null)
            {
                unscored++;
                continue;
            }
            var observedGrade = target.Judgement!.Overall;
            Grade? last = latest.TryGetValue(target.Council, out var g) ? g : null;
            var lastMonth = record.Where(r => r.Council == target.Council && r.Month <= cutoff).Select(r => (Month?)r.Month).Max();
            // Inspections ahead: every graded inspection of the council in the record after the last
            // known judgement up to and including the target (the steps the transition matrix is
            // estimated over; dates are known, grades after the cutoff are not).
            var steps = observed.Graded.Count(i => i.Council == target.Council && i.Month <= target.Month && (lastMonth is null || i.Month > lastMonth));
            forecasts.Add(new ScoredForecast("model", target.Council, target.Month, observedGrade, model));
            forecasts.Add(new ScoredForecast("persistence", target.Council, target.Month, observedGrade, Baselines.Persistence(record, cutoff, target.Council)));
            forecasts.Add(new ScoredForecast("climatology", target.Council, target.Month, observedGrade, (double[])climatology.Clone()));
            forecasts.Add(new ScoredForecast("markov", target.Council, target.Month, observedGrade, Baselines.Markov(matrix, last, climatology, Math.Max(1, steps))));
        }
        return (forecasts, unscored);
    }

    /// <summary>Writes backtest.csv, backtest-summary.csv, reliability.csv and the figure into a run's folder.</summary>
    public static IReadOnlyList<ForecasterSummary> Write(string folder, Scenario scenario, ConditioningSink sink)
    {
        var observed = sink.Observed;
        var (forecasts, unscored) = Score(observed, sink, scenario.Setup.End);
        var sb = new StringBuilder("council,month,observed,forecaster,p_inadequate,p_requires_improvement,p_good,p_outstanding,most_likely,rps,log_score\n");
        foreach (var f in forecasts)
        {
            sb.Append(Csv.Field(f.Council)).Append(',').Append(f.Month.ToString()).Append(',').Append(Name(f.Observed)).Append(',').Append(f.Forecaster);
            foreach (var p in f.P) sb.Append(',').Append(Csv.Number(p));
            sb.Append(',').Append(Name(ForecastScores.MostLikely(f.P)))
                .Append(',').Append(Csv.Number(ForecastScores.Rps(f.P, f.Observed)))
                .Append(',').Append(Csv.Number(ForecastScores.LogScore(f.P, f.Observed))).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, Table), sb.ToString());

        var summaries = ForecastSummary.Summarise(forecasts);
        double Rps(string name) => summaries.FirstOrDefault(s => s.Forecaster == name)?.MeanRps ?? double.NaN;
        // Targets whose council no replicate could reproduce up to the cutoff: the model's forecast
        // of them is unweighted (equal weights), which the summary says rather than hides.
        var degenerate = forecasts.Where(f => f.Forecaster == "model").Count(f => sink.ConditionedInspections(f.Council) > 0 && sink.EffectiveSampleSize(f.Council) == 0);
        sb.Clear().Append("forecaster,cutoff,targets,unscored,targets_unweighted,rps,log_score,accuracy,skill_vs_persistence,skill_vs_climatology,skill_vs_markov\n");
        foreach (var s in summaries)
        {
            sb.Append(s.Forecaster).Append(',').Append(observed.Until.ToString()).Append(',')
                .Append(s.Count.ToString(CultureInfo.InvariantCulture)).Append(',').Append(unscored.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((s.Forecaster == "model" ? degenerate : 0).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Csv.Number(s.MeanRps)).Append(',').Append(Csv.Number(s.MeanLogScore)).Append(',').Append(Csv.Number(s.Accuracy));
            foreach (var b in (string[])["persistence", "climatology", "markov"]) sb.Append(',').Append(Csv.Number(ForecastSummary.Skill(s.MeanRps, Rps(b))));
            sb.Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, SummaryTable), sb.ToString());

        sb.Clear().Append("forecaster,baseline,targets,rps_difference,p025,p975,skill\n");
        foreach (var row in PairedDifferences(forecasts))
        {
            sb.Append(row.Forecaster).Append(',').Append(row.Baseline).Append(',').Append(row.Targets.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Csv.Number(row.Difference)).Append(',').Append(Csv.Number(row.Low)).Append(',').Append(Csv.Number(row.High)).Append(',')
                .Append(Csv.Number(row.Skill)).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, DifferencesTable), sb.ToString());

        var bins = ForecastSummary.Reliability(forecasts);
        sb.Clear().Append("forecaster,lower,upper,count,mean_forecast,observed_frequency\n");
        foreach (var b in bins)
        {
            sb.Append(b.Forecaster).Append(',').Append(Csv.Number(b.Lower)).Append(',').Append(Csv.Number(b.Upper)).Append(',')
                .Append(b.Count.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Csv.Number(b.MeanForecast)).Append(',')
                .Append(Csv.Number(b.ObservedFrequency)).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, ReliabilityTable), sb.ToString());
        Plots.BacktestFigure.Write(folder, observed.Until, summaries, bins);
        return summaries;
    }

    public const string DifferencesTable = "backtest-differences.csv";

    /// <summary>Resamples of the paired bootstrap (fixed seed: the same forecasts give the same interval).</summary>
    public const int BootstrapResamples = 2000;

    /// <summary>
    /// The model's mean RPS minus each baseline's, over the same targets, with a 95% percentile
    /// interval from a paired bootstrap over targets (resampling targets, not replicates: it says
    /// how much the comparison depends on which inspections happened to be scored).
    /// </summary>
    public static IReadOnlyList<(string Forecaster, string Baseline, int Targets, double Difference, double Low, double High, double Skill)> PairedDifferences(
        IReadOnlyList<ScoredForecast> forecasts)
    {
        var result = new List<(string, string, int, double, double, double, double)>();
        var model = forecasts.Where(f => f.Forecaster == "model").ToList();
        foreach (var baseline in Forecasters.Skip(1))
        {
            var other = forecasts.Where(f => f.Forecaster == baseline).ToList();
            if (model.Count == 0 || other.Count != model.Count) continue;
            var d = model.Select((m, i) => ForecastScores.Rps(m.P, m.Observed) - ForecastScores.Rps(other[i].P, other[i].Observed)).ToArray();
            var rng = new MathNet.Numerics.Random.MersenneTwister(20161231, threadSafe: false);
            var means = new double[BootstrapResamples];
            for (var b = 0; b < BootstrapResamples; b++)
            {
                var sum = 0.0;
                for (var k = 0; k < d.Length; k++) sum += d[rng.Next(d.Length)];
                means[b] = sum / d.Length;
            }
            Array.Sort(means);
            var rpsModel = model.Average(m => ForecastScores.Rps(m.P, m.Observed));
            var rpsOther = other.Average(m => ForecastScores.Rps(m.P, m.Observed));
            result.Add(("model", baseline, d.Length, d.Average(), means[(int)(0.025 * (BootstrapResamples - 1))], means[(int)Math.Ceiling(0.975 * (BootstrapResamples - 1))],
                ForecastSummary.Skill(rpsModel, rpsOther)));
        }
        return result;
    }

    /// <summary>A forecaster's name for people (the tables keep <c>model</c>, <c>persistence</c>, <c>climatology</c>, <c>markov</c>).</summary>
    public static string DisplayName(string forecaster) => forecaster switch
    {
        "markov" => "Markov chain",
        _ => forecaster,
    };

    /// <summary>A share from a table, in percent.</summary>
    private static string Percent(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x.ToString("0.0%", CultureInfo.InvariantCulture) : E(value);

    /// <summary>The report section, when the folder holds a backtest; otherwise null.</summary>
    public static string? Html(string folder, Func<string, string, string> figure)
    {
        var path = Path.Combine(folder, SummaryTable);
        if (!File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        var sb = new StringBuilder("<h2>Forecast skill (backtest)</h2>\n");
        var first = lines.Length > 1 ? CsvLine.Split(lines[1]) : null;
        sb.Append(CultureInfo.InvariantCulture,
            $"<p>Conditioned on the record up to {E(first?[1])}, the model forecast every graded inspection after it. Lower RPS and log score are better; skill is 1 &minus; RPS / RPS of the baseline (above 0: the model beats it). Accuracy is the percentage of targets whose most likely grade was the one given. Rows per forecast: <code>{Table}</code>; reliability: <code>{ReliabilityTable}</code>.</p>\n");
        sb.Append("<table><tr><th>forecaster</th><th>targets</th><th>RPS</th><th>log score</th><th>accuracy</th><th>skill vs persistence</th><th>skill vs climatology</th><th>skill vs Markov</th></tr>\n");
        foreach (var line in lines.Skip(1))
        {
            var f = CsvLine.Split(line);
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(DisplayName(f[0]))}</td><td class=\"n\">{E(f[2])}</td><td class=\"n\">{Fmt(f[5])}</td><td class=\"n\">{Fmt(f[6])}</td><td class=\"n\">{Percent(f[7])}</td><td class=\"n\">{Fmt(f[8])}</td><td class=\"n\">{Fmt(f[9])}</td><td class=\"n\">{Fmt(f[10])}</td></tr>\n");
        }
        sb.Append("</table>\n");
        var differences = Path.Combine(folder, DifferencesTable);
        if (File.Exists(differences))
        {
            sb.Append("<p>The model's mean RPS minus each baseline's on the same targets, with a 95% interval from a paired bootstrap over targets (below 0: the model is better; an interval that spans 0 is no evidence either way):</p>\n<table><tr><th>baseline</th><th>targets</th><th>RPS difference</th><th>95% interval</th></tr>\n");
            foreach (var line in File.ReadAllLines(differences).Skip(1))
            {
                var f = CsvLine.Split(line);
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(DisplayName(f[1]))}</td><td class=\"n\">{E(f[2])}</td><td class=\"n\">{Fmt(f[3])}</td><td class=\"n\">{Fmt(f[4])} to {Fmt(f[5])}</td></tr>\n");
            }
            sb.Append("</table>\n");
        }
        sb.Append(figure(FigureName, $"Reliability of the forecasts made at {first?[1]}: each forecaster's probabilities of every grade for every target, binned by 10 percentage points; a point is a bin's mean forecast probability against how often that grade was given (bins of fewer than {Plots.BacktestFigure.MinCount} forecasts left out; all bins in {ReliabilityTable}). A reliable forecaster lies on the dashed diagonal. The legend gives each forecaster's mean ranked probability score (RPS), log score and accuracy."));
        return sb.ToString();
    }

    private static string Fmt(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>A grade's name as the record and the tables write it today (<see cref="Frameworks.Label"/>).</summary>
    public static string Name(Grade g) => Frameworks.Label(g, Framework.Ilacs);
}
