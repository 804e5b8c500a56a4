using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Simulation.Model.Parameters;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Silo.Output;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>calibrate-national</c>: ABC-SMC over the calibrated parameters (uniform priors on their search
/// ranges) against the national record's patterns measured on the unconditioned real England
/// (<see cref="NationalPatterns"/>). Writes the final population as a weighted posterior and a
/// summary of what the record identifies. Counterfactual effects are never targets.
/// </summary>
public static class CalibrateNationalCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "The scenario with a judgement record.", DefaultValueFactory = _ => "scenarios/england.yaml" };
        var particles = new Option<int>("--particles") { Description = "Particles per generation.", DefaultValueFactory = _ => 100 };
        var generations = new Option<int>("--generations") { Description = "Generations: each keeps the better half of the population (its largest distance is the new tolerance) and refills it by MCMC moves.", DefaultValueFactory = _ => 6 };
        var until = new Option<string?>("--until") { Description = "Fit only the record up to this month (YYYY-MM; default its graded end, 2019-12), so that a backtest from it is out of sample." };
        var steps = new Option<int>("--steps") { Description = "Metropolis-Hastings moves per refilled particle each generation.", DefaultValueFactory = _ => 3 };
        var replicates = new Option<int>("--replicates", "-n") { Description = "Replicates per evaluation.", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Seed of the proposals and of every evaluation's replicates.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "The posterior (weighted parameter sets); its summary and correlations are written beside it.", DefaultValueFactory = _ => "scenarios/calibration/posterior.csv" };
        var figures = FiguresOption();
        var parallel = ClusterOptions.Parallel();
        var cluster = new ClusterOptions("the evaluations (each a run)", "this machine's cores", ClusterOptions.DesignCheckpointMonths);
        var command = new Command("calibrate-national", "Approximate Bayesian computation (ABC-SMC) of the calibrated parameters against the national record's patterns "
            + "(2013-2019 transition matrix, shares of latest grades, agency share by grade, the grades of councils with trusts or partners, Doncaster's recorded "
            + "judgements; on the unconditioned real England): a weighted posterior, what the record identifies, and figures. Evaluations run in parallel "
            + "on this machine's cores, or on a cluster's silos with --cluster; either way the posterior is the same.")
        {
            scenario, particles, generations, steps, replicates, seed, output, until, figures, parallel,
        };
        foreach (var option in cluster.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!ClusterOptions.TryReadParallel(parse, parallel, out var concurrent) || !cluster.TryRead(parse, out var target)) return ExitCodes.BadInput;
            foreach (var (option, low, high) in new[] { (particles, 2, 100_000), (generations, 1, 1_000), (steps, 1, 1_000), (replicates, 1, ScenarioLoader.MaxReplicates) })
            {
                var value = parse.GetValue(option);
                if (value >= low && value <= high) continue;
                Console.Error.WriteLine($"{option.Name}: {value} is out of range; expected {low} to {high}");
                return ExitCodes.BadInput;
            }
            if (PatternsCommand.LoadWithRecord(parse.GetValue(scenario)!, "calibrate against") is not { } s) return ExitCodes.BadInput;
            Simulation.Model.Time.Month? cutoff = null;
            if (parse.GetValue(until) is { } untilText)
            {
                if (!Simulation.Model.Time.Month.TryParse(untilText, out var parsed))
                {
                    Console.Error.WriteLine($"--until: '{untilText}' is not a month; expected YYYY-MM");
                    return ExitCodes.BadInput;
                }
                cutoff = parsed;
            }
            if (!await ClusterOptions.ReachableAsync(target)) return ExitCodes.RunFailed;
            var n = parse.GetValue(replicates);
            var free = s.Unconditioned();
            var record = NationalPatterns.FromRecord(s.Observed!);
            var context = NationalContext.Of(s);
            var keys = ParameterCatalog.All.Where(p => p.Declaration.Calibrated).ToArray();
            try
            {
                await using var design = await DesignEvaluator.OpenAsync(target, concurrent, cancellation);
                var evaluator = design.Evaluator;
                async ValueTask<double> Distance(double[] theta, long evaluationSeed, CancellationToken token)
                {
                    var parameters = free.Setup.Parameters;
                    for (var i = 0; i < keys.Length; i++) parameters = keys[i].With(parameters, theta[i]);
                    // Each evaluation runs one parameter set: a scenario's posterior, if it names one, is not used.
                    var run = free with { Setup = free.Setup with { Parameters = parameters, Posterior = null, Replicates = n, Seed = evaluationSeed } };
                    var judgements = await PatternsCommand.RunAsync(evaluator, run, token);
                    return NationalDistance(NationalPatterns.Compare(record, judgements, cutoff, context));
                }
                var abc = new AbcSmc([.. keys.Select(k => k.SearchLow)], [.. keys.Select(k => k.SearchHigh)], Distance)
                {
                    Particles = parse.GetValue(particles),
                    Generations = parse.GetValue(generations),
                    Steps = Math.Max(1, parse.GetValue(steps)),
                    Seed = parse.GetValue(seed),
                    MaxParallelism = evaluator.Parallelism,
                };
                var clock = Stopwatch.StartNew();
                var gens = await abc.RunAsync(g => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"generation {g.Index}: tolerance {g.Tolerance:0.0000}, {g.Moved} of {g.Proposed} moves accepted ({g.AcceptanceRate:0%}), {g.Unique} distinct of {g.Particles.Count}, distances {g.Particles.Min(p => p.Distance):0.0000} to {g.Particles.Max(p => p.Distance):0.0000}; {evaluator.Evaluations} evaluations, {clock.Elapsed.TotalMinutes:0.0} min")),
                    cancellation);
                var throughput = evaluator.Throughput(clock.Elapsed);
                var last = gens[^1];
                var path = parse.GetValue(output)!;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, PosteriorTable(keys, last));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{throughput.Evaluations} evaluations of {n} replicates in {clock.Elapsed.TotalMinutes:0.0} min -> {path}"));
                Console.WriteLine($"  {throughput}");
                WriteDiagnostics(path, parse.GetValue(figures)!);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine("interrupted; no results written");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (ClusterOptions.Lost(target, e))
            {
                return ClusterOptions.ReportLost(target!, e);
            }
        });
        return command;
    }

    /// <summary>The patterns the distance weighs, each equally (the help rule holds by the inspector's rule and is left out).</summary>
    public static readonly string[] DistancePatterns = ["transition", "latest_share", "agency_by_grade", "arrangement_share", "documented"];

    /// <summary>
    /// The distance between a run and the record: the mean, over the patterns a run measured
    /// (<see cref="DistancePatterns"/>), of the root mean square of its gaps in units of its
    /// tolerance (a missing simulated value counts as a gap of one unit of the share scale). Below 1
    /// every pattern is within its tolerance on average; each pattern weighs the same however many
    /// values it has.
    /// </summary>
    public static double NationalDistance(IReadOnlyList<NationalPatternRow> rows)
    {
        static double Rms(IEnumerable<NationalPatternRow> r)
        {
            var d = r.Select(x => (double.IsFinite(x.Simulated) ? x.Simulated - x.Recorded : 1.0) / x.Tolerance).ToArray();
            return Math.Sqrt(d.Average(x => x * x));
        }
        var groups = DistancePatterns.Select(p => rows.Where(r => r.Pattern == p).ToArray()).Where(g => g.Length > 0).ToArray();
        return groups.Length == 0 ? 0 : groups.Average(Rms);
    }

    private static string PosteriorTable(ParameterInfo[] keys, AbcGeneration g)
    {
        var sb = new StringBuilder("particle,weight,distance");
        var weight = (1.0 / g.Particles.Count).ToString("R", CultureInfo.InvariantCulture);
        foreach (var k in keys) sb.Append(',').Append(k.Key);
        sb.Append('\n');
        for (var i = 0; i < g.Particles.Count; i++)
        {
            var p = g.Particles[i];
            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(weight).Append(',')
                .Append(p.Distance.ToString("R", CultureInfo.InvariantCulture));
            foreach (var x in p.Theta) sb.Append(',').Append(x.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static Option<string> FiguresOption() => new("--figures")
    {
        Description = "Folder for the posterior's figures (marginals against the priors; the most correlated pairs).",
        DefaultValueFactory = _ => "docs/figures",
    };

    /// <summary>
    /// <c>posterior FILE</c>: the diagnostics of a posterior already written (summary, correlations,
    /// figures), e.g. after changing how they are drawn, without calibrating again.
    /// </summary>
    public static Command CreateDiagnostics()
    {
        var file = new Argument<string>("posterior") { Description = "A posterior written by calibrate-national, e.g. scenarios/calibration/posterior.csv." };
        var figures = FiguresOption();
        var command = new Command("posterior", "Write a posterior's diagnostics: each parameter's marginal against its prior (what the record identifies), "
            + "pairwise correlations, the effective sample size, and figures.")
        {
            file, figures,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file");
                return ExitCodes.BadInput;
            }
            try
            {
                WriteDiagnostics(path, parse.GetValue(figures)!);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes FILE-summary.csv and FILE-correlations.csv beside the posterior and its figures into <paramref name="figureFolder"/>.</summary>
    public static void WriteDiagnostics(string path, string figureFolder)
    {
        var posterior = Posterior.Read(path);
        var stem = Path.ChangeExtension(path, null);
        File.WriteAllText(stem + "-summary.csv", posterior.SummaryTable());
        File.WriteAllText(stem + "-correlations.csv", posterior.CorrelationTable());
        var drawn = Simulation.Silo.Plots.PosteriorFigure.Write(figureFolder, posterior);
        var marginals = posterior.Marginals();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{posterior.Values.Count} particles, {posterior.Distinct} distinct, effective sample size {posterior.EffectiveSampleSize:0.0}; "
            + $"identified: {marginals.Count(m => m.Identified == "yes")}, partly: {marginals.Count(m => m.Identified == "partly")}, not: {marginals.Count(m => m.Identified == "no")} of {marginals.Count}"));
        Console.WriteLine($"  -> {stem}-summary.csv, {stem}-correlations.csv, {string.Join(", ", drawn.Select(d => Path.Combine(figureFolder, d + ".png")))}");
    }
}
