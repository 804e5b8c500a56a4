using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Simulation.Grains;
using Simulation.Scenarios;
using Simulation.Silo.Hosting;
using Simulation.Silo.Output;
using Simulation.Silo.Running;

namespace Simulation.Silo.Cli;

/// <summary><c>run SCENARIO</c>: simulates a scenario on an embedded silo and writes its tables.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario")
        {
            Description = "The scenario file (YAML) to run, e.g. scenarios/doncaster.yaml.",
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the results (timeseries.csv, inspections.csv, events.csv, manifest.json). "
                + "Written to a hidden staging folder and moved into place only when the run succeeds. Default: out/<scenario name>.",
        };
        var replicates = new Option<int?>("--replicates", "-n")
        {
            Description = "Number of replicates, overriding the scenario's 'replicates'.",
        };
        var seed = new Option<long?>("--seed")
        {
            Description = "Seed, overriding the scenario's 'seed'. The same scenario and seed always give the same tables.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the output folder if it already exists.",
        };
        var verbose = new Option<bool>("--verbose")
        {
            Description = "Show the Orleans silo's log on standard error.",
        };
        var detail = new Option<string>("--detail")
        {
            Description = $"full: every replicate's series (timeseries.csv); summary: per month, council and metric, quantiles across replicates "
                + $"plus the national figure (timeseries-quantiles.csv); auto (default): summary when councils x replicates exceeds {AutoSummaryAbove:N0}. "
                + "Inspections and events are always written in full.",
            DefaultValueFactory = _ => "auto",
        };
        detail.AcceptOnlyFromAmong("auto", "full", "summary");
        var cluster = new ClusterOptions("the scenario", "an embedded silo");
        var keepCheckpoints = new Option<bool>("--keep-checkpoints")
        {
            Description = "With --cluster: leave the run's checkpoints in Redis when it completes (by default nothing of the run is left there).",
        };
        var posteriorMode = new Option<string?>("--posterior-mode")
        {
            Description = "For a scenario with a posterior: draw (each replicate draws a particle by weight) or best (every replicate runs the particle "
                + "with the smallest distance), overriding the scenario's posterior_mode.",
        };
        posteriorMode.AcceptOnlyFromAmong([.. ScenarioLoader.PosteriorModes]);
        var yesReally = new Option<bool>("--yes-really")
        {
            Description = $"Run an experiment that asks for more than {Experiment.ConfirmAbove:N0} simulated histories (variants x replicates).",
        };

        var command = new Command("run", "Simulate a scenario month by month on an embedded Orleans silo (localhost clustering, "
            + "in-memory storage), or on a cluster with --cluster, and write the results as tidy tables. A scenario with an experiment runs every variant "
            + "into a folder of its own and writes variants.csv beside them.")
        {
            scenario, output, replicates, seed, force, verbose, yesReally, detail, posteriorMode,
        };
        foreach (var option in cluster.All) command.Options.Add(option);
        command.Options.Add(keepCheckpoints);
        command.SetAction((parse, cancellation) =>
        {
            if (!cluster.Given(parse) && (cluster.CheckpointsGiven(parse) || parse.GetValue(keepCheckpoints)))
                return Task.FromResult(Fail("--checkpoint-months and --keep-checkpoints apply only with --cluster"));
            if (!cluster.TryRead(parse, out var target)) return Task.FromResult(ExitCodes.BadInput);
            if (target is not null && parse.GetValue(keepCheckpoints)) target = target with { Options = target.Options with { KeepCheckpoints = true } };
            return RunAsync(
                parse.GetValue(scenario)!,
                parse.GetValue(output),
                parse.GetValue(replicates),
                parse.GetValue(seed),
                parse.GetValue(force),
                parse.GetValue(verbose),
                cancellation,
                parse.GetValue(yesReally),
                parse.GetValue(detail) ?? "auto",
                target,
                posteriorMode: parse.GetValue(posteriorMode) is { } mode ? ScenarioLoader.ParsePosteriorMode(mode) : null);
        });
        return command;
    }

    /// <summary>Checkpoint interval on a cluster: a year of simulated time.</summary>
    public const int DefaultCheckpointMonths = 12;

    /// <summary>The longest interval --checkpoint-months takes: a hundred years.</summary>
    public const int MaxCheckpointMonths = 1200;

    /// <summary>Where and how to run on a cluster instead of the embedded silo.</summary>
    public sealed record ClusterRun(ClusterAddress Address, string ClusterId, RunOptions Options)
    {
        public string Describe() => $"cluster {Address} (id {ClusterId}), checkpoints every {Options.CheckpointMonths} months";
    }

    public static async Task<int> RunAsync(
        string scenarioPath, string? outPath, int? replicates, long? seed, bool force, bool verbose,
        CancellationToken cancellation, bool yesReally = false, string detail = "auto", ClusterRun? cluster = null,
        Model.Time.Month? backtestCutoff = null, Model.World.PosteriorMode? posteriorMode = null)
    {
        if (replicates is < 1 or > ScenarioLoader.MaxReplicates)
            return Fail($"--replicates: {replicates} is out of range; expected 1 to {ScenarioLoader.MaxReplicates}");
        if (seed is < 0) return Fail($"--seed: {seed} is out of range; expected 0 or more");

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioPath).With(seed, replicates);
        }
        catch (ScenarioException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine(error);
            return ExitCodes.BadInput;
        }
        if (posteriorMode is { } mode)
        {
            if (scenario.Posterior is null)
                return Fail($"--posterior-mode: {scenarioPath} names no posterior; the option chooses how the replicates of a scenario with 'posterior: FILE' take their parameters");
            scenario = scenario.WithPosteriorMode(mode);
        }
        if (backtestCutoff is { } cutoff)
        {
            if (scenario.Observed is null)
                return Fail($"{scenarioPath}: observed: the scenario names no judgement file to backtest against; add observed: {{judgements: FILE, until: YYYY-MM}}");
            if (scenario.Experiment is not null)
                return Fail($"{scenarioPath}: experiment: a backtest runs one scenario, not an experiment's variants");
            if (cutoff < scenario.Setup.Start || cutoff >= scenario.Setup.End)
                return Fail($"--cutoff: {cutoff} is outside the run ({scenario.Setup.Start} to the month before {scenario.Setup.End})");
            var all = scenario.Events.Length;
            scenario = scenario.ForecastFrom(cutoff);
            var dropped = all - scenario.Events.Length;
            if (dropped > 0) Console.WriteLine($"backtest from {cutoff}: {dropped} dated event(s) about councils after the cutoff left out (not known then)");
            if (!scenario.Observed!.Graded.Any(i => i.Month > cutoff && i.Month <= scenario.Setup.End))
                return Fail($"--cutoff: {scenario.Observed.File} has no graded inspection after {cutoff} within the run: nothing to forecast");
        }
        var level = detail switch
        {
            "full" => Detail.Full,
            "summary" => Detail.Summary,
            _ => (long)scenario.Setup.Councils.Length * scenario.Setup.Replicates > AutoSummaryAbove ? Detail.Summary : Detail.Full,
        };
        if (scenario.Runs > Experiment.ConfirmAbove && !yesReally)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture,
                $"{scenarioPath}: experiment: asks for {scenario.Runs:N0} simulated histories ({scenario.VariantCount:N0} variants x {scenario.Setup.Replicates:N0} replicates); "
                + $"pass --yes-really to run more than {Experiment.ConfirmAbove:N0}, or reduce the sweep or the replicates"));
        }

        if (!await ClusterOptions.ReachableAsync(cluster)) return ExitCodes.RunFailed;

        var destination = outPath ?? Path.Combine("out", scenario.Name);
        if (OutOption.Open(destination, force) is not { } folder) return ExitCodes.BadInput;

        var clock = Stopwatch.StartNew();
        // On a cluster, its Redis is watched: if it stops answering, the run is cancelled and reported lost.
        await using var watch = ClusterWatch.Start(cluster?.Address, cancellation);
        var userCancellation = cancellation;
        cancellation = watch?.Token ?? cancellation;
        using (folder)
        {
            try
            {
                using var host = cluster is null
                    ? await SimulationSilo.StartEmbeddedAsync(verbose, cancellation)
                    : await SimulationSilo.StartClientAsync(cluster.Address, cluster.ClusterId, verbose, cancellation);
                try
                {
                    var grains = host.Services.GetRequiredService<IGrainFactory>();
                    string summaryLine;
                    if (scenario.Experiment is { } experiment)
                    {
                        await RunExperimentAsync(grains, scenario, experiment, folder.Staging, level, cluster, cancellation);
                        summaryLine = string.Create(CultureInfo.InvariantCulture,
                            $"  {experiment.Variants.Length} variants ({experiment.Method}) over {string.Join(", ", experiment.Keys)}: one folder each; index in {VariantsFile}");
                    }
                    else
                    {
                        IReadOnlyList<Backtest.ForecasterSummary>? scores = null;
                        var (metricRows, inspectionRows, eventRows, _) = await RunOneAsync(grains, scenario, folder.Staging, scenario.Name, null, level, cluster, cancellation,
                            backtestCutoff is null ? null : (f, sink) => scores = Backtest.BacktestReport.Write(f, scenario, sink));
                        summaryLine = string.Create(CultureInfo.InvariantCulture,
                            $"  {(level == Detail.Full ? ResultWriter.Timeseries : ResultWriter.Quantiles)}: {metricRows:N0} rows; {ResultWriter.Inspections}: {inspectionRows:N0} rows; {ResultWriter.Events}: {eventRows:N0} rows");
                        if (scores is not null)
                        {
                            summaryLine += string.Create(CultureInfo.InvariantCulture, $"\n  backtest from {backtestCutoff} ({Backtest.BacktestReport.SummaryTable}):");
                            foreach (var sc in scores)
                                summaryLine += string.Create(CultureInfo.InvariantCulture,
                                    $"\n    {sc.Forecaster,-12} n={sc.Count} RPS {sc.MeanRps:0.000}  log score {sc.MeanLogScore:0.000}  accuracy {sc.Accuracy:0.0%}");
                        }
                    }
                    folder.Commit();
                    var variants = scenario.Experiment is null ? "" : $"{scenario.VariantCount} variants x ";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{scenario.Name}: {variants}{scenario.Setup.Months} months x {scenario.Setup.Replicates} replicates (seed {scenario.Setup.Seed}) in {clock.Elapsed.TotalSeconds:0.0} s -> {destination}"));
                    Console.WriteLine(summaryLine);
                    if (ParameterDraws.Summary(scenario) is { } drawn)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  posterior {drawn.File} ({drawn.Mode}): {drawn.DistinctParticlesDrawn} of {drawn.Particles} particles run; each replicate's in {ParameterDraws.FileName}"));
                    }
                    return ExitCodes.Success;
                }
                finally
                {
                    // A client whose cluster is gone may not stop gracefully: it gets a few seconds.
                    using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await host.StopAsync(stopping.Token);
                }
            }
            catch (OperationCanceledException) when (watch?.Lost is { } lost && !userCancellation.IsCancellationRequested)
            {
                return LostRedis(cluster!, lost);
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
            catch (Exception e) when (cluster is not null)
            {
                // A failure while the cluster's Redis is gone is reported as that, whatever form it took.
                if (watch is not null && await watch.LostNowAsync() is { } lost) return LostRedis(cluster, lost);
                if (ClusterOptions.Lost(cluster, e)) return ClusterOptions.ReportLost(cluster, e);
                throw;
            }
        }
    }

    private static int LostRedis(ClusterRun cluster, string lost)
    {
        Console.Error.WriteLine($"--cluster {cluster.Address}: {lost}; no results written");
        return ExitCodes.RunFailed;
    }

    /// <summary>Councils x replicates above which --detail auto writes quantiles instead of every series.</summary>
    public const long AutoSummaryAbove = 2_000;

    private static async Task<(long, long, long, Outcomes.VariantOutcomes)> RunOneAsync(
        IGrainFactory grains, Scenario scenario, string folder, string title, Variant? variant, Detail detail, ClusterRun? cluster,
        CancellationToken cancellation, Action<string, Backtest.ConditioningSink>? afterRun = null)
    {
        Directory.CreateDirectory(folder);
        long metricRows, inspectionRows, eventRows;
        var summary = new Plots.RunSummary(scenario.Setup);
        var recorder = new Outcomes.OutcomeRecorder(scenario.Setup);
        var conditioning = scenario.Observed is null ? null : new Backtest.ConditioningSink(scenario);
        using (var writer = new ResultWriter(folder, detail))
        {
            await using (var progress = ProgressDisplay.Start(title))
            {
                IRunSink sink = conditioning is null ? new TeeSink(writer, summary, recorder) : new TeeSink(writer, summary, recorder, conditioning);
                await RunDriver.RunAsync(grains, scenario.Setup, sink, progress, cluster?.Options, cancellation);
            }
            (metricRows, inspectionRows, eventRows) = (writer.MetricRows, writer.InspectionRows, writer.EventRows);
        }
        conditioning?.WriteWeights(folder);
        ParameterDraws.Write(folder, scenario);
        var outcomes = new Outcomes.VariantOutcomes(variant?.Id ?? scenario.Name,
            variant is null ? [] : [.. variant.Values.Select(v => (v.Key, v.Value))], recorder.Result());
        Outcomes.OutcomeTable.Write(folder, [outcomes]);
        Outcomes.TimeToGoodTable.Write(folder, [outcomes], variant is null ? scenario.Name : $"{scenario.Name} {variant.Id}");
        if (conditioning is not null && afterRun is not null) afterRun(folder, conditioning);
        Plots.Figures.Write(folder, scenario, summary);
        var manifest = Manifest.For(scenario, folder, cluster?.Describe() ?? "embedded single silo") with { Conditioning = conditioning?.Summary() };
        if (variant is not null)
        {
            manifest = manifest with { Variant = variant.Id, VariantParameters = variant.Values.ToDictionary(v => v.Key, v => v.Value) };
        }
        manifest.Write(folder);
        Reports.Report.WriteRun(folder, scenario, summary, File.ReadAllText(Path.Combine(folder, Manifest.FileName)), outcomes);
        return (metricRows, inspectionRows, eventRows, outcomes);
    }

    /// <summary>Every variant into a folder named by its id, then variants.csv and a manifest listing them.</summary>
    private static async Task RunExperimentAsync(
        IGrainFactory grains, Scenario scenario, Experiment experiment, string staging, Detail detail, ClusterRun? cluster,
        CancellationToken cancellation)
    {
        var index = 0;
        var outcomes = new List<Outcomes.VariantOutcomes>();
        foreach (var variant in experiment.Variants)
        {
            index++;
            var (_, _, _, variantOutcomes) = await RunOneAsync(grains, scenario.ForVariant(variant), Path.Combine(staging, variant.Id),
                $"{scenario.Name} {variant.Id} ({index}/{experiment.Variants.Length})", variant, detail, cluster, cancellation);
            outcomes.Add(variantOutcomes);
        }
        File.WriteAllText(Path.Combine(staging, VariantsFile), VariantsTable(scenario, experiment));
        Outcomes.OutcomeTable.Write(staging, outcomes);
        Outcomes.TimeToGoodTable.Write(staging, outcomes, $"{scenario.Name}, {experiment.Variants.Length} variants");
        Outcomes.ResponseFigure.Write(staging, scenario, experiment, outcomes);
        (Manifest.For(scenario, staging, cluster?.Describe() ?? "embedded single silo") with { Variants = [.. experiment.Variants.Select(v => v.Id)] }).Write(staging);
    }

    public const string VariantsFile = "variants.csv";

    /// <summary>variants.csv: one row per variant, its folder, seed, replicates and every swept parameter's value.</summary>
    public static string VariantsTable(Scenario scenario, Experiment experiment)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("variant,seed,replicates");
        foreach (var key in experiment.Keys) sb.Append(',').Append(Csv.Field(key));
        sb.Append('\n');
        foreach (var v in experiment.Variants)
        {
            sb.Append(Csv.Field(v.Id)).Append(',')
                .Append(scenario.Setup.Seed.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(scenario.Setup.Replicates.ToString(CultureInfo.InvariantCulture));
            foreach (var value in v.Values) sb.Append(',').Append(value.Text);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadInput;
    }
}
