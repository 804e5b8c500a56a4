using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
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

        var command = new Command("run", "Simulate a scenario month by month on an embedded Orleans silo (localhost clustering, "
            + "in-memory storage) and write the results as tidy tables.")
        {
            scenario, output, replicates, seed, force, verbose,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(scenario)!,
            parse.GetValue(output),
            parse.GetValue(replicates),
            parse.GetValue(seed),
            parse.GetValue(force),
            parse.GetValue(verbose),
            cancellation));
        return command;
    }

    public static async Task<int> RunAsync(
        string scenarioPath, string? outPath, int? replicates, long? seed, bool force, bool verbose,
        CancellationToken cancellation)
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

        OutputFolder folder;
        var destination = outPath ?? Path.Combine("out", scenario.Name);
        try
        {
            folder = OutputFolder.Create(destination, force);
        }
        catch (Exception e) when (e is OutputFolderException or IOException or UnauthorizedAccessException)
        {
            return Fail($"--out: {e.Message}");
        }

        var clock = Stopwatch.StartNew();
        using (folder)
        {
            try
            {
                using var host = await SimulationSilo.StartEmbeddedAsync(verbose, cancellation);
                try
                {
                    var grains = host.Services.GetRequiredService<IGrainFactory>();
                    long metricRows, inspectionRows, eventRows;
                    using (var writer = new ResultWriter(folder.Staging))
                    {
                        await using (var progress = ProgressDisplay.Start(scenario.Name))
                        {
                            await RunDriver.RunAsync(grains, scenario.Setup, writer, progress, cancellation);
                        }
                        (metricRows, inspectionRows, eventRows) = (writer.MetricRows, writer.InspectionRows, writer.EventRows);
                    }
                    Manifest.For(scenario, folder.Staging, "embedded single silo").Write(folder.Staging);
                    folder.Commit();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{scenario.Name}: {scenario.Setup.Months} months x {scenario.Setup.Replicates} replicates (seed {scenario.Setup.Seed}) in {clock.Elapsed.TotalSeconds:0.0} s -> {destination}"));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {ResultWriter.Timeseries}: {metricRows:N0} rows; {ResultWriter.Inspections}: {inspectionRows:N0} rows; {ResultWriter.Events}: {eventRows:N0} rows"));
                    return ExitCodes.Success;
                }
                finally
                {
                    await host.StopAsync(CancellationToken.None);
                }
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
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return ExitCodes.BadInput;
    }
}
