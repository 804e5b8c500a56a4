using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Simulation.Model.Parameters;
using Simulation.Scenarios;
using Simulation.Silo.Outcomes;
using Simulation.Silo.Output;
using Simulation.Silo.Sensitivity;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>sensitivity SCENARIO</c>: Morris screening or Sobol' indices of chosen outcomes with respect
/// to chosen parameters, over ranges around the scenario's values, the calibration's search ranges
/// or its posterior, with common random numbers; one tidy table and one figure per outcome.
/// </summary>
public static class SensitivityCommand
{
    public const string TableFile = "sensitivity.csv";
    public const string PointsFile = "sensitivity-points.csv";

    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario to analyse, e.g. scenarios/failing-council.yaml." };
        var method = new Option<string>("--method")
        {
            Description = "morris: elementary effects for screening, r x (k + 1) runs; sobol: first- and total-order indices (Saltelli design, N x (k + 2) runs).",
            DefaultValueFactory = _ => "morris",
        };
        method.AcceptOnlyFromAmong("morris", "sobol");
        var parameters = new Option<string?>("--parameters", "-p")
        {
            Description = "Comma-separated parameter keys to vary (see 'parameters'); default: every calibrated parameter.",
        };
        var ranges = new Option<string>("--ranges")
        {
            Description = "local: the scenario's value ± --spread of the parameter's calibration search range, clipped to it; search: the whole search range; "
                + "posterior: the 5th to 95th weighted percentile of the scenario's posterior.",
            DefaultValueFactory = _ => "local",
        };
        ranges.AcceptOnlyFromAmong("local", "search", "posterior");
        var spread = new Option<double>("--spread")
        {
            Description = "With --ranges local: the half-width of each range as a share of the parameter's search range.",
            DefaultValueFactory = _ => 0.1,
        };
        var outcomes = new Option<string[]>("--outcome")
        {
            Description = "An outcome to attribute (repeatable): " + SensitivityOutcome.Help + ". Default: time_to_good and good_at at the run's last month.",
            AllowMultipleArgumentsPerToken = true,
        };
        var versus = new Option<string?>("--versus")
        {
            Description = "A second scenario (e.g. another arrangement) run at every point with the same parameter values and seed: the outcomes become the difference, scenario minus this.",
        };
        var trajectories = new Option<int>("--trajectories", "-r") { Description = "Morris: trajectories.", DefaultValueFactory = _ => 10 };
        var levels = new Option<int>("--levels") { Description = "Morris: grid levels (even).", DefaultValueFactory = _ => 4 };
        var samples = new Option<int>("--samples") { Description = "Sobol: base samples N.", DefaultValueFactory = _ => 64 };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap resamples for the 95% intervals of the indices.", DefaultValueFactory = _ => 500 };
        var replicates = new Option<int?>("--replicates", "-n") { Description = "Replicates per point, overriding the scenario's." };
        var seed = new Option<long?>("--seed") { Description = "Seed of the runs and of the design, overriding the scenario's." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the results (default out/<scenario>-sensitivity)." };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists." };
        var folders = new Option<bool>("--folders") { Description = "Also write each point's tables into points/<id>/ (large)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say how many runs the design needs, then stop." };
        var yesReally = new Option<bool>("--yes-really") { Description = $"Run a design of more than {Experiment.ConfirmAbove:N0} simulated histories." };
        var parallel = ClusterOptions.Parallel();
        var cluster = new ClusterOptions("the design's points (each point a run)", "this machine's cores", ClusterOptions.DesignCheckpointMonths);
        var command = new Command("sensitivity", "Sensitivity analysis of a scenario: Morris elementary effects (screening) or Sobol' first- and total-order indices "
            + "with bootstrap intervals, for chosen outcomes, over ranges around the scenario's values or over its posterior, with common random numbers. "
            + $"Writes {TableFile}, {PointsFile}, outcomes.csv (and its per-point summary) and plots/sensitivity-*.png; says how many runs it needs before it starts.")
        {
            scenario, method, parameters, ranges, spread, outcomes, versus, trajectories, levels, samples, bootstrap, replicates, seed, output, force, folders, dryRun, yesReally,
            parallel,
        };
        foreach (var option in cluster.All) command.Options.Add(option);
        command.SetAction((parse, cancellation) =>
        {
            if (!ClusterOptions.TryReadParallel(parse, parallel, out var concurrent) || !cluster.TryRead(parse, out var target))
                return Task.FromResult(ExitCodes.BadInput);
            return RunAsync(
                parse.GetValue(scenario)!, parse.GetValue(method)!, parse.GetValue(parameters), parse.GetValue(ranges)!, parse.GetValue(spread),
                parse.GetValue(outcomes) ?? [], parse.GetValue(versus), parse.GetValue(trajectories), parse.GetValue(levels), parse.GetValue(samples),
                parse.GetValue(bootstrap), parse.GetValue(replicates), parse.GetValue(seed), parse.GetValue(output), parse.GetValue(force),
                parse.GetValue(folders), parse.GetValue(dryRun), parse.GetValue(yesReally), cancellation, target, concurrent);
        });
        return command;
    }

    /// <summary>
    /// The command: checks every option, says what the design costs, then runs its points through
    /// an evaluator (this machine's cores, or <paramref name="cluster"/>'s silos, up to
    /// <paramref name="parallel"/> at once) and writes the tables, all or nothing.
    /// </summary>
    public static async Task<int> RunAsync(
        string scenarioPath, string method, string? keys, string ranges, double spread, IReadOnlyList<string> outcomeNames, string? versusPath,
        int trajectories, int levels, int samples, int bootstrap, int? replicates, long? seed, string? outPath, bool force, bool folders,
        bool dryRun, bool yesReally, CancellationToken cancellation, RunCommand.ClusterRun? cluster = null, int? parallel = null)
    {
        if (replicates is < 1 or > ScenarioLoader.MaxReplicates) return Fail($"--replicates: {replicates} is out of range; expected 1 to {ScenarioLoader.MaxReplicates}");
        if (seed is < 0) return Fail($"--seed: {seed} is out of range; expected 0 or more");
        if (trajectories is < 2 or > 10_000) return Fail($"--trajectories: {trajectories} is out of range; expected 2 to 10000");
        if (levels is < 2 or > 100 || levels % 2 != 0) return Fail($"--levels: {levels} is not an even number from 2 to 100");
        if (samples is < 4 or > 1_000_000) return Fail($"--samples: {samples} is out of range; expected 4 to 1000000");
        if (bootstrap is < 0 or > 100_000) return Fail($"--bootstrap: {bootstrap} is out of range; expected 0 to 100000");
        if (!double.IsFinite(spread) || spread is <= 0 or > 1) return Fail($"--spread: {spread.ToString(CultureInfo.InvariantCulture)} is out of range; expected more than 0 and at most 1");

        Scenario original, scenario;
        Scenario? versus = null;
        try
        {
            original = ScenarioLoader.Load(scenarioPath).With(seed, replicates);
            if (versusPath is not null) versus = SensitivityAnalysis.Prepare(ScenarioLoader.Load(versusPath).With(seed ?? original.Setup.Seed, replicates ?? original.Setup.Replicates));
        }
        catch (ScenarioException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine(error);
            return ExitCodes.BadInput;
        }
        if (original.Experiment is not null) return Fail($"{scenarioPath}: experiment: a sensitivity analysis makes its own design; give a scenario without 'experiment'");
        if (versus?.Experiment is not null) return Fail($"--versus: {versusPath}: experiment: give a scenario without 'experiment'");
        if (versus is not null && (versus.Setup.Start != original.Setup.Start || versus.Setup.End != original.Setup.End))
            return Fail($"--versus: {versusPath} runs {versus.Setup.Start} to {versus.Setup.End}, not {original.Setup.Start} to {original.Setup.End} like {scenarioPath}");
        var rangeSource = ranges switch { "search" => RangeSource.Search, "posterior" => RangeSource.Posterior, _ => RangeSource.Local };
        if (rangeSource == RangeSource.Posterior && original.Posterior is null)
            return Fail($"--ranges posterior: {scenarioPath} names no posterior; use --ranges local or search, or a scenario with 'posterior: FILE'");
        scenario = SensitivityAnalysis.Prepare(original);

        List<ParameterInfo> chosen;
        if (keys is null)
        {
            chosen = [.. ParameterCatalog.All.Where(p => p.Declaration.Calibrated)];
            if (rangeSource == RangeSource.Posterior) chosen = [.. chosen.Where(p => original.Posterior!.Keys.Contains(p))];
        }
        else
        {
            chosen = [];
            foreach (var key in keys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!ParameterCatalog.TryGet(key, out var p))
                {
                    var hint = Suggestions.Closest(key, ParameterCatalog.Keys) is { } s ? $"; did you mean '{s}'?" : "; 'parameters' lists them";
                    return Fail($"--parameters: '{key}' is not a parameter{hint}");
                }
                if (chosen.Contains(p)) return Fail($"--parameters: '{key}' is named twice");
                if (rangeSource == RangeSource.Posterior && !original.Posterior!.Keys.Contains(p))
                    return Fail($"--parameters: '{key}' is not in the posterior {original.Posterior.File}, so --ranges posterior gives it no range");
                chosen.Add(p);
            }
        }
        if (chosen.Count < 2) return Fail("--parameters: name at least two parameters");

        var outcomes = new List<SensitivityOutcome>();
        foreach (var name in outcomeNames.Count > 0 ? outcomeNames : ["time_to_good", $"good_at:{original.Setup.End}"])
        {
            if (SensitivityOutcome.Parse(name, original.Setup.Start, original.Setup.End, out var error) is not { } o) return Fail($"--outcome: {error}");
            if (outcomes.Any(x => x.Name == o.Name)) return Fail($"--outcome: '{name}' is named twice");
            outcomes.Add(o);
        }

        var factors = SensitivityAnalysis.Factors(original, scenario.Setup.Parameters, chosen, rangeSource, spread);
        if (factors.FirstOrDefault(f => !(f.High > f.Low)) is { } flat)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"--parameters: {flat.Name} has an empty range ({flat.Low:G6} to {flat.High:G6}) under --ranges {ranges}; leave it out or choose other ranges"));
        }
        var designSeed = (int)((seed ?? original.Setup.Seed) % int.MaxValue);
        SensitivityPlan plan;
        if (method == "sobol")
        {
            var design = Sobol.Design(factors, samples, designSeed);
            plan = new SensitivityPlan(scenario, versus, method, chosen, factors, [.. chosen.Select(p => p.Get(scenario.Setup.Parameters))], outcomes,
                design.Points, bootstrap, designSeed, rangeSource, spread) { Saltelli = design };
        }
        else
        {
            var design = Morris.Design(factors, trajectories, levels, designSeed);
            plan = new SensitivityPlan(scenario, versus, method, chosen, factors, [.. chosen.Select(p => p.Get(scenario.Setup.Parameters))], outcomes,
                design.Points, bootstrap, designSeed, rangeSource, spread) { Morris = design };
        }

        var shape = method == "sobol"
            ? $"{samples:N0} base samples x ({chosen.Count} + 2)"
            : $"{trajectories:N0} trajectories x ({chosen.Count} + 1)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sensitivity ({method}) of {scenario.Name}{(versus is null ? "" : $" minus {versus.Name}")}: {chosen.Count} parameters, {shape} = {plan.Points.Length:N0} points "
            + $"x {scenario.Setup.Replicates} replicates{(versus is null ? "" : " x 2 scenarios")} = {plan.Histories:N0} simulated histories of {scenario.Setup.Months} months "
            + $"({plan.CouncilMonths:N0} council-months); outcomes: {string.Join(", ", outcomes.Select(o => o.Name))}"));
        if (original.Observed is not null) Console.WriteLine("  the scenario's recorded judgements are not imposed: every judgement emerges (as in 'patterns')");
        if (original.Posterior is not null) Console.WriteLine($"  centre: the best particle of {original.Posterior.File}; every replicate of a point runs the point's values");
        if (dryRun) return ExitCodes.Success;
        if (plan.Histories > Experiment.ConfirmAbove && !yesReally)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"the design asks for {plan.Histories:N0} simulated histories; pass --yes-really to run more than {Experiment.ConfirmAbove:N0}, or fewer points, parameters or replicates"));
        }

        if (!await ClusterOptions.ReachableAsync(cluster)) return ExitCodes.RunFailed;
        var destination = outPath ?? Path.Combine("out", scenario.Name + "-sensitivity");
        if (OutOption.Open(destination, force) is not { } folder) return ExitCodes.BadInput;
        var clock = Stopwatch.StartNew();
        using (folder)
        {
            try
            {
                await using var target = await DesignEvaluator.OpenAsync(cluster, parallel, cancellation);
                var lastShown = -1;
                var evaluating = Stopwatch.StartNew();
                var results = await SensitivityAnalysis.RunAsync(plan, target.Evaluator, folders ? Path.Combine(folder.Staging, "points") : null, (done, all) =>
                {
                    var tenth = done * 10 / all;
                    if (tenth > Volatile.Read(ref lastShown) && Interlocked.Exchange(ref lastShown, tenth) < tenth && ProgressDisplay.Enabled)
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done:N0} of {all:N0} points"));
                }, cancellation);
                var throughput = target.Evaluator.Throughput(evaluating.Elapsed);
                var undefined = Enumerable.Range(0, outcomes.Count).Where(o => results.Any(r => !double.IsFinite(r.Values[o]))).ToList();
                if (undefined.Count > 0)
                {
                    var o = undefined[0];
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"--outcome {outcomes[o].Name}: undefined at {results.Count(r => !double.IsFinite(r.Values[o]))} of {results.Length} points "
                        + $"(no council judged inadequate in any replicate there); choose another outcome, more replicates or other ranges; nothing written"));
                    return ExitCodes.RunFailed;
                }
                var rows = SensitivityAnalysis.Analyse(plan, results);
                File.WriteAllText(Path.Combine(folder.Staging, TableFile), Table(plan, rows));
                File.WriteAllText(Path.Combine(folder.Staging, PointsFile), PointsTable(plan, results));
                var variants = new List<VariantOutcomes>();
                for (var i = 0; i < results.Length; i++)
                {
                    var values = chosen.Select((p, k) => (p.Key, plan.Points[i][k])).ToList();
                    variants.Add(new VariantOutcomes(SensitivityAnalysis.PointId(i), values, results[i].Outcomes));
                    if (results[i].Versus is { } v) variants.Add(new VariantOutcomes(SensitivityAnalysis.PointId(i) + "-versus", values, v));
                }
                OutcomeTable.Write(folder.Staging, variants);
                SensitivityFigure.Write(folder.Staging, plan, rows);
                WriteManifest(folder.Staging, versus, plan, throughput);
                folder.Commit();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {plan.Points.Length:N0} points in {clock.Elapsed.TotalSeconds:0.0} s -> {destination}"));
                Console.WriteLine($"  {throughput}");
                foreach (var o in outcomes)
                {
                    var stat = method == "sobol" ? "total_order" : "mu_star";
                    var top = rows.Where(r => r.Outcome == o.Name && r.Statistic == stat).OrderByDescending(r => r.Estimate).Take(5);
                    Console.WriteLine($"  {o.Name}: largest {stat}: " + string.Join(", ", top.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Parameter} {r.Estimate:G3}"))));
                    double Chance(string statistic) => rows.Single(r => r.Outcome == o.Name && r.Parameter == SensitivityAnalysis.Chance && r.Statistic == statistic).Estimate;
                    var share = Chance("chance_share_of_variance");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    chance: standard error {Chance("point_standard_error"):G3} per point, {share:0%} of the variance between points")
                        + (method == "sobol" ? "" : string.Create(CultureInfo.InvariantCulture, $"; mu_star below about {Chance("mu_star_chance_floor"):G3} is indistinguishable from chance"))
                        + (share > 0.2 ? "; raise --replicates for firmer indices" : ""));
                }
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine("interrupted; no results written");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"{destination}: could not write results: {e.Message}");
                return ExitCodes.RunFailed;
            }
            catch (Exception e) when (ClusterOptions.Lost(cluster, e))
            {
                return ClusterOptions.ReportLost(cluster!, e);
            }
        }
    }

    /// <summary>sensitivity.csv: one row per outcome, parameter and statistic.</summary>
    public static string Table(SensitivityPlan plan, IReadOnlyList<SensitivityRow> rows)
    {
        var sb = new StringBuilder("method,outcome,parameter,centre,low,high,statistic,estimate,low_95,high_95\n");
        foreach (var r in rows)
        {
            var k = plan.Factors.ToList().FindIndex(f => f.Name == r.Parameter);
            sb.Append(plan.Method).Append(',').Append(Csv.Field(r.Outcome)).Append(',').Append(r.Parameter).Append(',');
            if (k < 0) sb.Append(",,,");
            else sb.Append(Csv.Number(plan.Centre[k])).Append(',').Append(Csv.Number(plan.Factors[k].Low)).Append(',').Append(Csv.Number(plan.Factors[k].High)).Append(',');
            sb
                .Append(r.Statistic).Append(',').Append(Csv.Number(r.Estimate)).Append(',').Append(Csv.Number(r.Low95)).Append(',').Append(Csv.Number(r.High95)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>sensitivity-points.csv: each point's parameter values and outcomes (the differences with --versus).</summary>
    public static string PointsTable(SensitivityPlan plan, IReadOnlyList<PointResult> results)
    {
        var sb = new StringBuilder("point");
        foreach (var f in plan.Factors) sb.Append(',').Append(f.Name);
        foreach (var o in plan.Outcomes) sb.Append(',').Append(Csv.Field(o.Name));
        sb.Append('\n');
        for (var i = 0; i < results.Count; i++)
        {
            sb.Append(SensitivityAnalysis.PointId(i));
            foreach (var x in plan.Points[i]) sb.Append(',').Append(x.ToString("R", CultureInfo.InvariantCulture));
            foreach (var y in results[i].Values) sb.Append(',').Append(Csv.Number(y));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static void WriteManifest(string folder, Scenario? versus, SensitivityPlan plan, Running.Throughput throughput)
    {
        var manifest = Manifest.For(plan.Scenario, folder, throughput.Where);
        var json = JsonSerializer.SerializeToNode(manifest)!.AsObject();
        json["sensitivity"] = JsonSerializer.SerializeToNode(new Dictionary<string, object?>
        {
            ["method"] = plan.Method,
            ["points"] = plan.Points.Length,
            ["ranges"] = plan.Ranges.ToString().ToLowerInvariant(),
            ["spread"] = plan.Ranges == RangeSource.Local ? plan.Spread : null,
            ["design_seed"] = plan.DesignSeed,
            ["bootstrap"] = plan.Bootstrap,
            ["trajectories"] = plan.Morris?.Trajectories,
            ["levels"] = plan.Morris?.Levels,
            ["base_samples"] = plan.Saltelli?.BaseSamples,
            ["versus"] = versus?.Path,
            ["outcomes"] = plan.Outcomes.Select(o => $"{o.Name}: {o.Meaning}").ToArray(),
            ["parameters"] = plan.Factors.Select((f, k) => new Dictionary<string, double> { ["centre"] = plan.Centre[k], ["low"] = f.Low, ["high"] = f.High })
                .Zip(plan.Factors, (v, f) => (f.Name, v)).ToDictionary(x => x.Name, x => x.v),
            // How fast the points ran (wall time of the evaluations; the one part of the folder that differs between runs).
            ["evaluations"] = throughput.Evaluations,
            ["evaluated_on"] = throughput.Where,
            ["evaluation_seconds"] = Math.Round(throughput.Elapsed.TotalSeconds, 3),
            ["evaluations_per_hour"] = Math.Round(throughput.EvaluationsPerHour),
            ["council_months_per_second"] = Math.Round(throughput.CouncilMonthsPerSecond),
        });
        File.WriteAllText(Path.Combine(folder, Manifest.FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadInput;
    }
}
