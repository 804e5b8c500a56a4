using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;

namespace Simulation.Silo.Cli;

/// <summary><c>calibrate</c>: fits the calibrated parameters to the Doncaster patterns and writes them.</summary>
public static class CalibrateCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "The documented history.", DefaultValueFactory = _ => "scenarios/doncaster.yaml" };
        var noTrust = new Option<string>("--no-trust") { Description = "The counterfactual without the trust.", DefaultValueFactory = _ => "scenarios/doncaster-no-trust.yaml" };
        var noIt = new Option<string>("--no-it-failure") { Description = "The counterfactual without the IT failure.", DefaultValueFactory = _ => "scenarios/doncaster-no-it-failure.yaml" };
        var replicates = new Option<int>("--replicates", "-n") { Description = "Replicates per evaluation of the objective.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Calibration seed: the random histories the search compares parameter sets on, and the screen's sample.", DefaultValueFactory = _ => 1 };
        var screen = new Option<int>("--screen") { Description = "Points of the Latin hypercube screen before the simplex.", DefaultValueFactory = _ => 60 };
        var generations = new Option<int>("--generations") { Description = "Generations of CMA-ES after the screen (each evaluates about 14 parameter sets).", DefaultValueFactory = _ => 40 };
        var iterations = new Option<int>("--iterations") { Description = "Most evaluations each round of the Nelder-Mead polish may use.", DefaultValueFactory = _ => 200 };
        var restarts = new Option<int>("--restarts") { Description = "Times the simplex restarts from its best point when the last round still improved.", DefaultValueFactory = _ => 1 };
        var validate = new Option<int>("--validate-replicates") { Description = "Replicates of the final check on the scenario's own seed.", DefaultValueFactory = _ => 200 };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the parameter set (the file doncaster.yaml reads with parameters_from).", DefaultValueFactory = _ => "scenarios/calibration/doncaster-parameters.yaml" };
        var report = new Option<bool>("--report") { Description = "Only report the fit of the current parameters (the scenario's, with its parameters_from file); search nothing, write nothing." };
        var parallel = ClusterOptions.Parallel();
        var cluster = new ClusterOptions("the evaluations (each a run)", "this machine's cores", ClusterOptions.DesignCheckpointMonths);
        var command = new Command("calibrate", "Search the calibrated parameters (docs/ODD.md section 8, within their search ranges) for the values that best "
            + "reproduce Doncaster's documented patterns, report the fit of each pattern, and write the parameter set doncaster.yaml uses. The screen's points "
            + "and each CMA-ES generation are evaluated side by side on this machine's cores, or on a cluster's silos with --cluster; either way the result is the same.")
        {
            scenario, noTrust, noIt, replicates, seed, screen, generations, iterations, restarts, validate, output, report, parallel,
        };
        foreach (var option in cluster.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            if (!ClusterOptions.TryReadParallel(parse, parallel, out var concurrent) || !cluster.TryRead(parse, out var target)) return ExitCodes.BadInput;
            var options = new CalibrationOptions(
                parse.GetValue(scenario)!, parse.GetValue(noTrust)!, parse.GetValue(noIt)!, parse.GetValue(replicates),
                parse.GetValue(seed), parse.GetValue(screen), parse.GetValue(iterations), parse.GetValue(validate), parse.GetValue(restarts),
                parse.GetValue(generations));
            if (options.Replicates < 1 || options.Screen < 1 || options.Iterations < 1 || options.ValidationReplicates < 1)
            {
                Console.Error.WriteLine("--replicates, --screen, --iterations and --validate-replicates must be at least 1");
                return ExitCodes.BadInput;
            }
            // The scenarios are read before any cluster is asked, so a bad one is reported as such.
            Calibrator loaded;
            try
            {
                loaded = new Calibrator(options);
            }
            catch (ScenarioException e)
            {
                foreach (var error in e.Errors) Console.Error.WriteLine(error);
                return ExitCodes.BadInput;
            }
            if (!await ClusterOptions.ReachableAsync(target)) return ExitCodes.RunFailed;
            try
            {
                await using var design = await DesignEvaluator.OpenAsync(target, concurrent, cancellation);
                var calibrator = loaded.With(design.Evaluator, cancellation);
                var clock = Stopwatch.StartNew();
                // The search waits for each result before it asks for the next (the simplex one at a
                // time), so it runs on a thread of its own, not on one the evaluations need.
                var reportOnly = parse.GetValue(report);
                var result = await Task.Factory.StartNew(
                    () => reportOnly ? calibrator.Report() : calibrator.Run(Console.Error.WriteLine),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                var throughput = design.Evaluator.Throughput(clock.Elapsed);
                if (reportOnly)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"objective {result.Objective:0.0000} ({options.Replicates} replicates at calibration seed {options.Seed})"));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"calibrated {calibrator.Free.Count} parameters in {result.Elapsed.TotalMinutes:0.0} min ({result.Evaluations} evaluations), objective {result.Objective:0.0000}"));
                }
                Console.WriteLine($"  {throughput}");
                Console.WriteLine("expected fit at the calibration seed:");
                foreach (var r in result.Expected) Console.WriteLine("  " + r);
                Console.WriteLine($"sampled fit on {options.ValidationReplicates} replicates at the scenario's seed:");
                foreach (var r in result.Sampled.Concat(result.Secondary)) Console.WriteLine("  " + r);
                Console.WriteLine("Counterfactual effects (outputs, never targets):");
                foreach (var e in result.Effects) Console.WriteLine("  " + e);
                if (reportOnly) return ExitCodes.Success;
                var path = parse.GetValue(output)!;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, Calibrator.ParametersFile(result, options));
                Console.WriteLine($"wrote {path}");
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
}
