using System.Globalization;
using System.Text;
using Simulation.Model.Time;
using Simulation.Silo.Output;
using Simulation.Silo.Plots;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Outcomes;

/// <summary>One run's time-to-good subjects, by replicate, for a comparison's scope.</summary>
public sealed record RunTimes(string Label, long Seed, IReadOnlyList<IReadOnlyList<SurvivalTime>> ByReplicate)
{
    public IReadOnlyList<SurvivalTime> All => [.. ByReplicate.SelectMany(t => t)];
}

/// <summary>A row of time-to-good-differences.csv: a run's median and restricted mean, and its difference from the first run.</summary>
public sealed record TimeToGoodDifference(
    string Run, int Subjects, int ReachedGood, double Median, double MedianLow, double MedianHigh, RmstDifference Rmst, bool IsBaseline);

/// <summary>
/// The time to good across the runs of a comparison: Kaplan–Meier per run (every council in scope
/// and every replicate first judged inadequate, censored at the run's end) and the difference in
/// restricted mean time to good from the first run, paired by replicate when the runs share their
/// seed and replicates (common random numbers), independent otherwise.
/// </summary>
public static class TimeToGoodComparison
{
    public const string DifferencesFile = "time-to-good-differences.csv";

    /// <summary>Bootstrap resamples of the paired difference.</summary>
    public const int Bootstrap = 2000;

    /// <summary>The subjects of a run read back from its folder, from its judgements, by the one definition (<see cref="TimeToGood.Of"/>).</summary>
    public static RunTimes Of(ResultRun run)
    {
        var end = run.Summary.Months[^1];
        var byReplicate = Enumerable.Range(0, run.Replicates).Select(_ => new List<SurvivalTime>()).ToList();
        foreach (var council in run.Summary.Councils)
        {
            foreach (var replicate in council.Inspections.GroupBy(i => i.Replicate))
            {
                var judgements = replicate.Select(i => i.Judgement).OrderBy(j => j.Month).ToList();
                if (TimeToGood.Of(judgements, end) is { } t) byReplicate[replicate.Key].Add(t);
            }
        }
        return new RunTimes(run.Label, run.Source.Seed, [.. byReplicate]);
    }

    /// <summary>Whether two runs' replicates pair: the same seed and the same number of replicates (common random numbers).</summary>
    public static bool Paired(RunTimes a, RunTimes b) => a.Seed == b.Seed && a.ByReplicate.Count == b.ByReplicate.Count;

    /// <summary>
    /// The horizon of the restricted means: five years, or the shortest follow-up any run offers if
    /// that is less (the mean is only defined as far as every curve is observed).
    /// </summary>
    public static double Horizon(IReadOnlyList<RunTimes> runs) =>
        Math.Min(OutcomeTable.HorizonMonths, runs.Select(r => r.All.Select(t => t.Time).DefaultIfEmpty(0).Max()).Min());

    public static IReadOnlyList<TimeToGoodDifference> Differences(IReadOnlyList<RunTimes> runs)
    {
        var rows = new List<TimeToGoodDifference>();
        if (runs.Count == 0 || runs.Any(r => r.All.Count == 0)) return rows;
        var tau = Horizon(runs);
        if (tau <= 0) return rows;
        for (var k = 0; k < runs.Count; k++)
        {
            var km = KaplanMeier.Fit(runs[k].All);
            var (median, low, high) = km.Median();
            var rmst = k == 0 ? Self(runs[0], tau)
                : Paired(runs[k], runs[0]) ? Rmst.Paired(runs[k].ByReplicate, runs[0].ByReplicate, tau, Bootstrap, seed: 2018)
                : Rmst.Independent(runs[k].All, runs[0].All, tau);
            rows.Add(new TimeToGoodDifference(runs[k].Label, km.Count, km.Events, median, low, high, rmst, k == 0));
        }
        return rows;
    }

    private static RmstDifference Self(RunTimes run, double tau)
    {
        var (mean, se) = KaplanMeier.Fit(run.All).RestrictedMean(tau);
        return new RmstDifference(tau, mean, mean, 0, double.NaN, double.NaN, "baseline");
    }

    public static string Csv(IReadOnlyList<TimeToGoodDifference> rows)
    {
        var sb = new StringBuilder("run,judged_inadequate,reached_good,median_months,median_low_95,median_high_95,horizon_months,restricted_mean_months,difference_from_first,difference_low_95,difference_high_95,method\n");
        foreach (var r in rows)
        {
            sb.Append(Output.Csv.Field(r.Run)).Append(CultureInfo.InvariantCulture, $",{r.Subjects},{r.ReachedGood},")
                .Append(Output.Csv.Number(r.Median)).Append(',').Append(OutcomeTable.Bound(r.MedianLow)).Append(',').Append(OutcomeTable.Bound(r.MedianHigh)).Append(',')
                .Append(Output.Csv.Number(r.Rmst.Tau)).Append(',').Append(Output.Csv.Number(r.Rmst.A)).Append(',')
                .Append(r.IsBaseline ? "" : Output.Csv.Number(r.Rmst.Difference)).Append(',')
                .Append(r.IsBaseline ? "" : Output.Csv.Number(r.Rmst.Low95)).Append(',')
                .Append(r.IsBaseline ? "" : Output.Csv.Number(r.Rmst.High95)).Append(',')
                .Append(Output.Csv.Field(r.IsBaseline ? "baseline" : r.Rmst.Method)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>time-to-good.csv of a comparison: each run's curve, pooled over the councils in scope.</summary>
    public static string CurvesCsv(IReadOnlyList<RunTimes> runs, string entity) =>
        TimeToGoodTable.Csv([.. runs.Select(r => new TimeToGoodCurve(r.Label, entity, r.All))]);
}
