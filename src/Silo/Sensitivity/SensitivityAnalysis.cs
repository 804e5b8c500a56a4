using System.Globalization;
using Simulation.Model.Engine;
using Simulation.Model.Parameters;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Outcomes;
using Simulation.Silo.Output;
using Simulation.Silo.Running;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Sensitivity;

/// <summary>Where each factor's range comes from.</summary>
public enum RangeSource
{
    /// <summary>The scenario's value ± a share of the parameter's calibration search range, clipped to it.</summary>
    Local,

    /// <summary>The parameter's whole calibration search range.</summary>
    Search,

    /// <summary>The 5th to 95th weighted percentile of the scenario's posterior.</summary>
    Posterior,
}

/// <summary>What a sensitivity analysis varies, over what, and how.</summary>
public sealed record SensitivityPlan(
    Scenario Scenario,
    Scenario? Versus,
    string Method,
    IReadOnlyList<ParameterInfo> Parameters,
    IReadOnlyList<SensitivityFactor> Factors,
    IReadOnlyList<double> Centre,
    IReadOnlyList<SensitivityOutcome> Outcomes,
    double[][] Points,
    int Bootstrap,
    int DesignSeed,
    RangeSource Ranges,
    double Spread)
{
    public MorrisDesign? Morris { get; init; }
    public SaltelliDesign? Saltelli { get; init; }

    public int Runs => Versus is null ? 1 : 2;

    /// <summary>Simulated histories: points x replicates, twice with a comparison scenario.</summary>
    public long Histories => (long)Points.Length * Scenario.Setup.Replicates * Runs;

    /// <summary>Council-months the design steps.</summary>
    public long CouncilMonths => Histories * Scenario.Setup.Councils.Length * Scenario.Setup.Months;
}

/// <summary>
/// One design point's outcomes (and the comparison scenario's at the same point), its outcome values,
/// and the same values from the even and from the odd replicates alone (to measure chance).
/// </summary>
public sealed record PointResult(OutcomeSet Outcomes, OutcomeSet? Versus, double[] Values, double[] EvenHalf, double[] OddHalf);

/// <summary>An index of one factor for one outcome: a row of sensitivity.csv.</summary>
public sealed record SensitivityRow(string Outcome, string Parameter, string Statistic, double Estimate, double Low95, double High95);

/// <summary>
/// A sensitivity analysis of a scenario: Morris elementary effects for screening, or Sobol' first-
/// and total-order indices (Saltelli design), of chosen outcomes with respect to chosen parameters.
/// Every point runs the scenario's seed (common random numbers: replicate r draws the same random
/// numbers at every point, so differences between points come from the parameters), as one
/// evaluation (<see cref="Evaluator"/>: without Orleans, the same month runner the grains use, or
/// on a cluster), many points at once; the results are placed by point, so they depend neither on
/// the number of threads nor on where the points ran.
/// </summary>
public static class SensitivityAnalysis
{
    /// <summary>
    /// The parameters every point starts from: the scenario's, or for a scenario with a posterior its
    /// best particle's (a coherent set; each point sets every replicate's parameters, so no draws).
    /// Judgements emerge: a scenario conditioned on a record (<c>observed</c>) runs unconditioned.
    /// </summary>
    public static Scenario Prepare(Scenario scenario)
    {
        var s = scenario.Unconditioned();
        var parameters = s.Setup.Posterior is { } p ? p.Sets[p.BestIndex()] : s.Setup.Parameters;
        return s with { Setup = s.Setup with { Parameters = parameters, Posterior = null } };
    }

    /// <summary>The factors' ranges (see <see cref="RangeSource"/>).</summary>
    public static IReadOnlyList<SensitivityFactor> Factors(
        Scenario original, ModelParameters centre, IReadOnlyList<ParameterInfo> parameters, RangeSource ranges, double spread)
    {
        var factors = new List<SensitivityFactor>();
        foreach (var p in parameters)
        {
            var value = p.Get(centre);
            var (low, high) = ranges switch
            {
                RangeSource.Search => (p.SearchLow, p.SearchHigh),
                RangeSource.Posterior => PosteriorRange(original.Posterior!, p),
                _ => (Math.Max(p.SearchLow, value - spread * (p.SearchHigh - p.SearchLow)), Math.Min(p.SearchHigh, value + spread * (p.SearchHigh - p.SearchLow))),
            };
            factors.Add(new SensitivityFactor(p.Key, low, high));
        }
        return factors;
    }

    /// <summary>The weighted 5th and 95th percentiles of a parameter in a posterior (its scenario value when the posterior does not vary it).</summary>
    private static (double, double) PosteriorRange(PosteriorFile posterior, ParameterInfo p)
    {
        var k = posterior.Keys.IndexOf(p);
        if (k < 0) return (double.NaN, double.NaN);
        var pairs = posterior.Values.Select((v, i) => (v[k], posterior.Weights[i])).ToList();
        return (WeightedQuantile.Of(pairs, 0.05), WeightedQuantile.Of(pairs, 0.95));
    }

    /// <summary>The parameters of a point: the centre with the factors' values.</summary>
    public static ModelParameters At(ModelParameters centre, IReadOnlyList<ParameterInfo> parameters, double[] values)
    {
        var p = centre;
        for (var i = 0; i < parameters.Count; i++) p = parameters[i].With(p, values[i]);
        return p;
    }

    /// <summary>Runs one point of a scenario (one evaluation) and returns its outcomes; with <paramref name="folder"/>, also writes its tables there.</summary>
    public static async ValueTask<OutcomeSet> RunPointAsync(Evaluator evaluator, Scenario scenario, ModelParameters parameters, string? folder, CancellationToken cancellation)
    {
        var setup = scenario.Setup with { Parameters = parameters, Posterior = null };
        var recorder = new OutcomeRecorder(setup);
        ResultWriter? writer = null;
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
            writer = new ResultWriter(folder, Detail.Full);
        }
        try
        {
            await evaluator.RunAsync(setup, writer is null ? recorder : new TeeSink(recorder, writer), cancellation);
        }
        finally
        {
            writer?.Dispose();
        }
        return recorder.Result();
    }

    /// <summary>
    /// Runs every point through <paramref name="evaluator"/>, up to its parallelism at once, and
    /// returns the results in point order.
    /// </summary>
    public static async Task<PointResult[]> RunAsync(
        SensitivityPlan plan, Evaluator evaluator, string? folders, Action<int, int>? progress, CancellationToken cancellation)
    {
        var results = new PointResult[plan.Points.Length];
        var done = 0;
        await evaluator.ForEachAsync(plan.Points.Length, async (i, token) =>
        {
            var parameters = At(plan.Scenario.Setup.Parameters, plan.Parameters, plan.Points[i]);
            var id = PointId(i);
            var outcomes = await RunPointAsync(evaluator, plan.Scenario, parameters, folders is null ? null : Path.Combine(folders, id), token);
            var versus = plan.Versus is null ? null
                : await RunPointAsync(evaluator, plan.Versus, At(plan.Versus.Setup.Parameters, plan.Parameters, plan.Points[i]),
                    folders is null ? null : Path.Combine(folders, id + "-versus"), token);
            double[] Values(Func<ReplicateOutcome, bool> keep) =>
                [.. plan.Outcomes.Select(o => versus is null ? o.Of(outcomes.Where(keep)) : o.Of(outcomes.Where(keep)) - o.Of(versus.Where(keep)))];
            results[i] = new PointResult(outcomes, versus, Values(_ => true), Values(r => r.Replicate % 2 == 0), Values(r => r.Replicate % 2 == 1));
            progress?.Invoke(Interlocked.Increment(ref done), plan.Points.Length);
        }, cancellation);
        return results;
    }

    public static string PointId(int i) => string.Create(CultureInfo.InvariantCulture, $"p{i + 1:00000}");

    /// <summary>The pseudo-parameter of the rows that measure chance rather than a parameter.</summary>
    public const string Chance = "(chance)";

    /// <summary>
    /// The indices of every factor for every outcome, and per outcome rows on chance, measured by
    /// splitting the replicates into two halves (even and odd) and comparing what each half gives at
    /// the same points, so the correlation common random numbers create is kept: the chance
    /// standard error of a point's outcome (<c>point_standard_error</c>: √(mean (y_even − y_odd)² / 4));
    /// the share of the variance between points it accounts for (<c>chance_share_of_variance</c>);
    /// and for Morris the chance standard deviation of an elementary effect, from the halves' step
    /// differences, and the μ* chance alone would give an inert parameter (<c>mu_star_chance_floor</c>,
    /// E|N(0, sd)| = sd √(2/π)): μ* near or below it cannot be told from chance. NaN with one replicate.
    /// </summary>
    public static IReadOnlyList<SensitivityRow> Analyse(SensitivityPlan plan, IReadOnlyList<PointResult> results)
    {
        var rows = new List<SensitivityRow>();
        for (var o = 0; o < plan.Outcomes.Count; o++)
        {
            var outputs = results.Select(r => r.Values[o]).ToArray();
            var name = plan.Outcomes[o].Name;
            var halves = plan.Scenario.Setup.Replicates >= 2;
            var split = results.Select(r => r.EvenHalf[o] - r.OddHalf[o]).Where(double.IsFinite).ToArray();
            var pointError = halves && split.Length > 0 ? Math.Sqrt(split.Average(d => d * d) / 4) : double.NaN;
            var mean = outputs.Average();
            var variance = outputs.Length > 1 ? outputs.Sum(y => (y - mean) * (y - mean)) / (outputs.Length - 1) : double.NaN;
            rows.Add(new SensitivityRow(name, Chance, "point_standard_error", pointError, double.NaN, double.NaN));
            rows.Add(new SensitivityRow(name, Chance, "chance_share_of_variance", variance > 0 ? Math.Min(1, pointError * pointError / variance) : double.NaN, double.NaN, double.NaN));
            if (plan.Morris is { } design)
            {
                // Each step of a trajectory: the change the even half sees minus the change the odd half sees.
                var steps = new List<double>();
                foreach (var (_, from, to) in Statistics.Morris.Steps(design))
                {
                    var (a, b) = (results[from], results[to]);
                    var d = (b.EvenHalf[o] - a.EvenHalf[o]) - (b.OddHalf[o] - a.OddHalf[o]);
                    if (double.IsFinite(d)) steps.Add(d);
                }
                // The full sample's step change has a quarter of the variance of that difference; over Δ per range.
                var effectSd = halves && steps.Count > 0 ? Math.Sqrt(steps.Average(d => d * d) / 4) / design.Delta : double.NaN;
                rows.Add(new SensitivityRow(name, Chance, "mu_star_chance_floor", effectSd * Math.Sqrt(2 / Math.PI), double.NaN, double.NaN));
            }
            if (plan.Morris is { } morris)
            {
                foreach (var m in Statistics.Morris.Analyse(morris, outputs, plan.Bootstrap, plan.DesignSeed))
                {
                    rows.Add(new SensitivityRow(name, m.Factor, "mu_star", m.MuStar, m.MuStarLow95, m.MuStarHigh95));
                    rows.Add(new SensitivityRow(name, m.Factor, "mu", m.Mu, double.NaN, double.NaN));
                    rows.Add(new SensitivityRow(name, m.Factor, "sigma", m.Sigma, double.NaN, double.NaN));
                }
            }
            else if (plan.Saltelli is { } saltelli)
            {
                foreach (var s in Sobol.Analyse(saltelli, outputs, plan.Bootstrap, plan.DesignSeed))
                {
                    rows.Add(new SensitivityRow(name, s.Factor, "first_order", s.First, s.FirstLow95, s.FirstHigh95));
                    rows.Add(new SensitivityRow(name, s.Factor, "total_order", s.Total, s.TotalLow95, s.TotalHigh95));
                }
            }
        }
        return rows;
    }
}
