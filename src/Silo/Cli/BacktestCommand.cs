using System.CommandLine;
using Simulation.Model.Time;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>backtest SCENARIO --cutoff YYYY-MM</c>: conditions the scenario on its judgement record up
/// to the cutoff, forecasts every graded inspection after it, and scores the forecasts against
/// persistence, climatology and a Markov chain (docs/outputs.md, Backtests).
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario with observed: {judgements: FILE, until: ...}, e.g. scenarios/england.yaml." };
        var cutoff = new Option<string>("--cutoff")
        {
            Description = "The last month whose recorded judgements the run is conditioned on (YYYY-MM); every graded inspection after it is forecast and scored.",
            Required = true,
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder for the run's tables and the backtest's (backtest.csv, backtest-summary.csv, reliability.csv, plots/backtest). Default: out/<scenario>-backtest-<cutoff>.",
        };
        var replicates = new Option<int?>("--replicates", "-n") { Description = "Number of replicates, overriding the scenario's." };
        var seed = new Option<long?>("--seed") { Description = "Seed, overriding the scenario's." };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it already exists." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the Orleans silo's log on standard error." };
        var command = new Command("backtest", "Score the model as a forecaster: condition a scenario on its recorded judgements up to a cutoff, "
            + "forecast every graded inspection after it, and compare with persistence, climatology and a Markov chain (RPS, log score, accuracy, reliability).")
        {
            scenario, cutoff, output, replicates, seed, force, verbose,
        };
        command.SetAction((parse, cancellation) =>
        {
            var text = parse.GetValue(cutoff) ?? "";
            if (!Month.TryParse(text, out var month))
            {
                Console.Error.WriteLine($"--cutoff: '{text}' is not a month; expected YYYY-MM");
                return Task.FromResult(ExitCodes.BadInput);
            }
            var path = parse.GetValue(scenario)!;
            var outPath = parse.GetValue(output)
                ?? Path.Combine("out", $"{Path.GetFileNameWithoutExtension(path)}-backtest-{month}");
            return RunCommand.RunAsync(path, outPath, parse.GetValue(replicates), parse.GetValue(seed), parse.GetValue(force), parse.GetValue(verbose),
                cancellation, backtestCutoff: month);
        });
        return command;
    }
}
