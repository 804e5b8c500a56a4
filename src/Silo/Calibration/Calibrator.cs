using System.Diagnostics;
using System.Globalization;
using System.Text;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using MathNet.Numerics.Random;
using Simulation.Model.Engine;
using Simulation.Model.Parameters;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Running;

namespace Simulation.Silo.Calibration;

public sealed record CalibrationOptions(
    string Scenario,
    string NoTrust,
    string NoItFailure,
    int Replicates,
    long Seed,
    int Screen,
    int Iterations,
    int ValidationReplicates,
    int Restarts = 2,
    int Generations = 40);

public sealed record CalibrationResult(
    ModelParameters Parameters,
    IReadOnlyDictionary<string, double> Values,
    double Objective,
    int Evaluations,
    TimeSpan Elapsed,
    IReadOnlyList<PatternResult> Expected,
    IReadOnlyList<PatternResult> Sampled,
    IReadOnlyList<PatternResult> Secondary,
    IReadOnlyList<EffectEstimate> Effects);

/// <summary>
/// Searches the calibrated parameters (those declared <c>Calibrated</c>, within their documented
/// search ranges) for the values that best reproduce the Doncaster patterns. The objective is
/// smooth: it uses the exact probability of each documented judgement given the simulated state,
/// averaged over replicates with common random numbers (a fixed calibration seed), so nearby
/// parameter sets are compared on the same random histories. The search is a Latin hypercube
/// screen of the whole box, then CMA-ES (on MathNet's linear algebra) from the best point, then
/// MathNet's Nelder-Mead simplex to polish, all in a logistic transform of each range so no
/// search can leave it.
/// </summary>
public sealed class Calibrator
{
    private readonly CalibrationOptions _options;
    private readonly Scenario _documented;
    private readonly Scenario _noTrust;
    private readonly Scenario _noIt;
    private readonly ParameterInfo[] _free = [.. ParameterCatalog.All.Where(p => p.Declaration.Calibrated)];
    private double _best = double.PositiveInfinity;
    private double[]? _bestValues;
    private int _evaluations;
    private readonly Evaluator _evaluator;
    private readonly CancellationToken _cancellation;

    /// <summary>
    /// A calibration whose runs go through <paramref name="evaluator"/> (by default on this machine,
    /// without Orleans), stopping with an <see cref="OperationCanceledException"/> once
    /// <paramref name="cancellation"/> is cancelled. Reads the three scenarios (a bad one is a
    /// <see cref="ScenarioException"/>).
    /// </summary>
    public Calibrator(CalibrationOptions options, Evaluator? evaluator = null, CancellationToken cancellation = default)
        : this(options, ScenarioLoader.Load(options.Scenario), ScenarioLoader.Load(options.NoTrust), ScenarioLoader.Load(options.NoItFailure),
            evaluator ?? Evaluator.Local(), cancellation)
    {
    }

    private Calibrator(CalibrationOptions options, Scenario documented, Scenario noTrust, Scenario noIt, Evaluator evaluator, CancellationToken cancellation)
    {
        _options = options;
        _documented = documented;
        _noTrust = noTrust;
        _noIt = noIt;
        _evaluator = evaluator;
        _cancellation = cancellation;
    }

    /// <summary>A fresh calibration of the same, already read scenarios, its runs going through <paramref name="evaluator"/>.</summary>
    public Calibrator With(Evaluator evaluator, CancellationToken cancellation = default) =>
        new(_options, _documented, _noTrust, _noIt, evaluator, cancellation);

    public IReadOnlyList<ParameterInfo> Free => _free;

    public CalibrationResult Run(Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        var start = _free.Select(p => Math.Clamp(p.Get(_documented.Setup.Parameters), p.SearchLow, p.SearchHigh)).ToArray();
        log(string.Create(CultureInfo.InvariantCulture,
            $"calibrating {_free.Length} parameters on {_options.Replicates} replicates (seed {_options.Seed}); starting objective {Objective(start):0.0000}"));

        // 1. Screen the whole box with a Latin hypercube, so the simplex starts near the best region.
        //    The points are drawn first and evaluated side by side; their losses are taken in order.
        var rng = new MersenneTwister(unchecked((int)_options.Seed), threadSafe: false);
        var strata = _free.Select(_ => Combinatorics.GeneratePermutation(_options.Screen, rng)).ToArray();
        var points = new double[_options.Screen][];
        for (var i = 0; i < _options.Screen; i++)
        {
            var point = points[i] = new double[_free.Length];
            for (var d = 0; d < _free.Length; d++)
            {
                var u = (strata[d][i] + rng.NextDouble()) / _options.Screen;
                point[d] = _free[d].SearchLow + u * (_free[d].SearchHigh - _free[d].SearchLow);
            }
        }
        var losses = Losses(points);
        for (var i = 0; i < _options.Screen; i++)
        {
            Record(points[i], losses[i]);
            if ((i + 1) % 10 == 0) log(string.Create(CultureInfo.InvariantCulture, $"  screened {i + 1}/{_options.Screen}: best {_best:0.0000}"));
        }

        // 2. CMA-ES from the best point, in the transformed (unbounded) space; each generation's
        //    candidates are evaluated side by side.
        var search = new Cmaes(_bestValues!.Select((v, d) => ToSearch(d, v)).ToArray(), sigma: 0.5, seed: unchecked((int)_options.Seed));
        var generations = Math.Max(1, _options.Generations);
        for (var g = 0; g < generations; g++)
        {
            search.Step(xs => Objectives([.. xs.Select(x => x.Select((v, d) => FromSearch(d, v)).ToArray())]));
            if ((g + 1) % 5 == 0)
            {
                log(string.Create(CultureInfo.InvariantCulture, $"  CMA-ES generation {g + 1}/{generations}: best {_best:0.0000} after {_evaluations} evaluations (step {search.Sigma:0.000})"));
            }
            if (search.Sigma < 1e-3) break;
        }

        // 3. Nelder-Mead polish from the best point found so far, restarted with a smaller simplex
        //    while it still improves, since a simplex in many dimensions collapses early.
        var objective = ObjectiveFunction.Value(x => Objective(x.Select((v, d) => FromSearch(d, v)).ToArray()));
        for (var round = 0; round < _options.Restarts + 1; round++)
        {
            var before = _best;
            var x0 = Vector<double>.Build.DenseOfArray(_bestValues!.Select((v, d) => ToSearch(d, v)).ToArray());
            var perturbation = Vector<double>.Build.Dense(_free.Length, 0.6 / (1 + round));
            try
            {
                new NelderMeadSimplex(1e-5, _options.Iterations).FindMinimum(objective, x0, perturbation);
            }
            catch (MaximumIterationsException)
            {
                // The best point seen is kept; running out of iterations is the usual end.
            }
            log(string.Create(CultureInfo.InvariantCulture, $"  simplex round {round + 1}: best {_best:0.0000} after {_evaluations} evaluations"));
            if (before - _best < 1e-3 * Math.Max(1, before)) break;
        }

        // The values written (at an end where within 0.1% of it, rounded) are the values validated.
        var written = _free.Select((p, i) => Round(AtEdge(p, _bestValues![i]))).ToArray();
        var parameters = Apply(_documented.Setup.Parameters, written);
        var expected = ExpectedFit(RunDocumented(parameters, _options.Replicates, _options.Seed), alone: true).Expected;

        // 4. Validate on fresh random histories: the scenario's own seed, more replicates, sampled judgements.
        var validation = RunAll(parameters, _options.ValidationReplicates, _documented.Setup.Seed);
        var sampled = DoncasterPatterns.Evaluate(validation.Documented, expected: false);
        var secondary = DoncasterPatterns.EvaluateSecondary(validation.Documented, expected: false);
        var values = _free.Select((p, i) => (p.Key, Value: written[i])).ToDictionary(x => x.Key, x => x.Value);
        return new CalibrationResult(parameters, values, _best, _evaluations, clock.Elapsed, expected, sampled, secondary,
            DoncasterPatterns.Effects(validation, expected: false));
    }

    /// <summary>The fit of the scenario's current parameters, without searching.</summary>
    public CalibrationResult Report()
    {
        var clock = Stopwatch.StartNew();
        var values = _free.Select(p => p.Get(_documented.Setup.Parameters)).ToArray();
        var parameters = _documented.Setup.Parameters;
        // One run of the documented history gives both the objective and the expected fit (what
        // Objective(values) would compute, from the same parameters).
        var (expected, objective) = ExpectedFit(RunDocumented(parameters, _options.Replicates, _options.Seed), alone: true);
        Record(values, objective);
        var validation = RunAll(parameters, _options.ValidationReplicates, _documented.Setup.Seed);
        return new CalibrationResult(parameters, _free.Select((p, i) => (p.Key, values[i])).ToDictionary(x => x.Key, x => x.Item2),
            objective, _evaluations, clock.Elapsed, expected,
            DoncasterPatterns.Evaluate(validation.Documented, expected: false), DoncasterPatterns.EvaluateSecondary(validation.Documented, expected: false),
            DoncasterPatterns.Effects(validation, expected: false));
    }

    /// <summary>The calibration's loss for parameter values in their natural units (lower is better).</summary>
    public double Objective(double[] values) => Objectives([values])[0];

    /// <summary>
    /// <see cref="Objective"/> of several parameter sets, evaluated side by side (up to the
    /// evaluator's parallelism) and recorded in the order given, so the search goes exactly as if
    /// they had been evaluated one after another.
    /// </summary>
    public double[] Objectives(IReadOnlyList<double[]> points)
    {
        var losses = Losses(points);
        for (var i = 0; i < points.Count; i++) Record(points[i], losses[i]);
        return losses;
    }

    /// <summary>The losses of <paramref name="points"/>, unrecorded; a lone point's run may spread its blocks over the evaluator's cores.</summary>
    private double[] Losses(IReadOnlyList<double[]> points)
    {
        var losses = new double[points.Count];
        _evaluator.ForEachAsync(points.Count, async (i, cancellation) =>
        {
            // The counterfactuals are not targets, so the search runs the documented history alone.
            var alone = points.Count == 1;
            var documented = await RunDocumentedAsync(Apply(_documented.Setup.Parameters, points[i]), _options.Replicates, _options.Seed, alone, cancellation);
            losses[i] = ExpectedFit(documented, alone).Loss;
        }, _cancellation).GetAwaiter().GetResult();
        return losses;
    }

    /// <summary>
    /// The documented run's expected fit and the calibration's loss from it (with the secondary
    /// patterns). <paramref name="alone"/>: nothing else is evaluated meanwhile, so the patterns'
    /// costliest part, the grade distributions, may use the cores the other evaluations would.
    /// </summary>
    private (IReadOnlyList<PatternResult> Expected, double Loss) ExpectedFit(RunRecord documented, bool alone)
    {
        if (alone) DoncasterPatterns.PrepareExpected(documented, _evaluator.LocalCores);
        var expected = DoncasterPatterns.Evaluate(documented, expected: true);
        return (expected, Loss(expected, DoncasterPatterns.EvaluateSecondary(documented, expected: true)));
    }

    private void Record(double[] values, double loss)
    {
        _evaluations++;
        if (loss < _best)
        {
            _best = loss;
            _bestValues = [.. values];
        }
    }

    /// <summary>Sum of squared misses outside each pattern's aimed-for band, each in a natural unit of its own.</summary>
    public static double Loss(IReadOnlyList<PatternResult> main, IReadOnlyList<PatternResult> secondary)
    {
        var loss = 0.0;
        foreach (var r in main)
        {
            loss += r.Id switch
            {
                "agency_when_inadequate" or "agency_when_good" => double.IsNaN(r.Value) ? 4 : r.Loss(0.01),
                "caseload_2013" => r.Loss(0.5),
                "caseload_p90_2013" => r.Loss(3),
                _ => r.Loss(0.05), // the documented judgements
            };
        }
        foreach (var r in secondary)
        {
            loss += r.Id switch
            {
                "vacancy_rate_mean" => 0.25 * r.Loss(0.05),
                "open_cases_growth_2013" => r.Loss(0.05),
                _ => 0.25 * r.Loss(0.2),
            };
        }
        return loss;
    }

    private ModelParameters Apply(ModelParameters baseline, double[] values)
    {
        var p = baseline;
        for (var i = 0; i < _free.Length; i++) p = _free[i].With(p, values[i]);
        return p;
    }

    private RunRecord RunDocumented(ModelParameters parameters, int replicates, long seed) =>
        RunDocumentedAsync(parameters, replicates, seed, alone: true, _cancellation).AsTask().GetAwaiter().GetResult();

    private ValueTask<RunRecord> RunDocumentedAsync(ModelParameters parameters, int replicates, long seed, bool alone, CancellationToken cancellation)
    {
        // A posterior the scenario names would override the values searched: the search runs one set.
        var setup = _documented.Setup with { Parameters = parameters, Replicates = replicates, Seed = seed, Posterior = null };
        return RunRecord.RunAsync(_evaluator, setup, DoncasterPatterns.Watched(setup), alone, cancellation);
    }

    private DoncasterPatterns.Runs RunAll(ModelParameters parameters, int replicates, long seed)
    {
        // A calibration searches one parameter set: a scenario's posterior, if it names one, is not used.
        WorldSetup Prepare(Scenario s) => s.Setup with { Parameters = parameters, Posterior = null, Replicates = replicates, Seed = seed };
        var setups = new[] { Prepare(_documented), Prepare(_noTrust), Prepare(_noIt) };
        var records = new RunRecord[3];
        _evaluator.ForEachAsync(3, async (i, cancellation) => records[i] = await RunRecord.RunAsync(_evaluator, setups[i], DoncasterPatterns.Watched(setups[i]), cancellation: cancellation), _cancellation)
            .GetAwaiter().GetResult();
        return new DoncasterPatterns.Runs(records[0], records[1], records[2]);
    }

    private double ToSearch(int d, double value)
    {
        var (lo, hi) = (_free[d].SearchLow, _free[d].SearchHigh);
        var u = Math.Clamp((value - lo) / (hi - lo), 1e-4, 1 - 1e-4);
        return Math.Log(u / (1 - u));
    }

    private double FromSearch(int d, double x)
    {
        var (lo, hi) = (_free[d].SearchLow, _free[d].SearchHigh);
        return lo + (hi - lo) / (1 + Math.Exp(-x));
    }

    /// <summary>
    /// The logistic transform never reaches the ends of a search range; a value within 0.1% of the
    /// range's width of an end is that end (a mechanism the search switched off stays exactly off).
    /// </summary>
    public static double AtEdge(ParameterInfo p, double x)
    {
        var width = p.SearchHigh - p.SearchLow;
        return x - p.SearchLow < 1e-3 * width ? p.SearchLow : p.SearchHigh - x < 1e-3 * width ? p.SearchHigh : x;
    }

    private static double Round(double x) => double.Parse(x.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>The parameters file doncaster.yaml reads (parameters_from), with the fit in its header.</summary>
    public static string ParametersFile(CalibrationResult result, CalibrationOptions options)
    {
        var sb = new StringBuilder();
        sb.Append("# yaml-language-server: $schema=../scenario.schema.json\n");
        sb.Append("# Calibrated mechanism strengths for the Doncaster scenarios.\n");
        sb.Append("# Written by `simulation calibrate`; rerun it rather than editing by hand (docs/calibration.md).\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"# Calibration: seed {options.Seed}, {options.Replicates} replicates per evaluation, {options.Screen} screened points, {result.Evaluations} evaluations, objective {result.Objective:0.0000}.\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Validation on {options.ValidationReplicates} replicates at the scenario's seed (sampled inspections):\n");
        foreach (var r in result.Sampled.Concat(result.Secondary)) sb.Append("#   ").Append(r).Append('\n');
        sb.Append("# Counterfactual effects at these values (outputs of the model, never targets):\n");
        foreach (var e in result.Effects) sb.Append("#   ").Append(e).Append('\n');
        sb.Append("parameters:\n");
        foreach (var group in result.Values.GroupBy(v => v.Key[..v.Key.IndexOf('.', StringComparison.Ordinal)]))
        {
            sb.Append("  ").Append(group.Key).Append(":\n");
            foreach (var (key, value) in group)
            {
                sb.Append("    ").Append(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]).Append(": ")
                    .Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return sb.ToString();
    }
}
