using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Simulation.Silo.Output;
using Simulation.Silo.Plots;
using Simulation.Silo.Reports;

namespace Simulation.Silo.Cli;

/// <summary><c>compare RESULT_FOLDER... --out FOLDER</c>: several runs on the same axes, with differences.</summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("results")
        {
            Description = "Result folders written by 'run' (an experiment's folder counts as one run per variant). The first is the baseline of the differences.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for the comparison: plots/ (PNG and SVG), differences.csv and report.html.",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it already exists." };
        var command = new Command("compare", "Put several runs on the same axes (one colour and marker per run in every figure), "
            + "with the time from a first inadequate judgement to the first good one and a table of differences with 95% intervals.")
        {
            folders, output, force,
        };
        command.SetAction(parse => Compare(parse.GetValue(folders)!, parse.GetValue(output)!, parse.GetValue(force)));
        return command;
    }

    public static int Compare(IReadOnlyList<string> folders, string destination, bool force)
    {
        var clock = Stopwatch.StartNew();
        List<ResultRun> runs;
        try
        {
            runs = [.. folders.SelectMany(ResultFolder.ReadAll)];
        }
        catch (Exception e) when (e is ResultFolderException or IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        if (runs.Count < 2)
        {
            Console.Error.WriteLine("compare: expected at least two runs (two result folders, or an experiment's folder)");
            return ExitCodes.BadInput;
        }
        var labels = runs.GroupBy(r => r.Label).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        runs = [.. runs.Select((r, i) => labels.Contains(r.Label) ? r with { Label = $"{r.Label} ({Path.GetFileName(Path.GetFullPath(r.Folder).TrimEnd('/'))})" } : r)];

        OutputFolder folder;
        try
        {
            folder = OutputFolder.Create(destination, force);
        }
        catch (Exception e) when (e is OutputFolderException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--out: {e.Message}");
            return ExitCodes.BadInput;
        }
        using (folder)
        {
            var figures = Comparison.WriteFigures(folder.Staging, runs);
            var rows = Comparison.Differences(runs);
            File.WriteAllText(Path.Combine(folder.Staging, "differences.csv"), Comparison.DifferencesCsv(rows));
            Report.WriteComparison(folder.Staging, runs, figures, rows);
            folder.Commit();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compared {runs.Count} runs ({string.Join(", ", runs.Select(r => r.Label))}) in {clock.Elapsed.TotalSeconds:0.0} s -> {destination}"));
        return ExitCodes.Success;
    }
}
