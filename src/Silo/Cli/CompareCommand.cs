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
        var council = new Option<string?>("--council")
        {
            Description = "Compare this council (its id) in every run. Without it: England (every council) when every run has at least "
                + $"{National.MinCouncils} councils, otherwise the first council of the first run.",
            HelpName = "ID",
        };
        var command = new Command("compare", "Put several runs on the same axes (one colour and marker per run in every figure), "
            + "with the time from a first inadequate judgement to the first good one and tables of differences with 95% intervals; "
            + "for one council in every run, or for England when the runs are national.")
        {
            folders, output, council, force,
        };
        command.SetAction(parse => Compare(parse.GetValue(folders)!, parse.GetValue(output)!, parse.GetValue(force), parse.GetValue(council)));
        return command;
    }

    public static int Compare(IReadOnlyList<string> folders, string destination, bool force, string? council = null)
    {
        var clock = Stopwatch.StartNew();
        List<ResultSource> sources;
        ComparisonScope scope;
        List<ResultRun> runs;
        try
        {
            sources = [.. folders.SelectMany(ResultFolder.Find)];
            if (sources.Count < 2)
            {
                Console.Error.WriteLine("compare: expected at least two runs (two result folders, or an experiment's folder)");
                return ExitCodes.BadInput;
            }
            var labels = sources.GroupBy(r => r.Label).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            sources = [.. sources.Select(r => labels.Contains(r.Label) ? r with { Label = $"{r.Label} ({Path.GetFileName(Path.GetFullPath(r.Folder).TrimEnd('/'))})" } : r)];
            scope = ComparisonScope.Choose(sources, council);
            runs = [.. sources.Select(s => ResultFolder.Read(s, scope))];
        }
        catch (Exception e) when (e is ResultFolderException or IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }

        if (OutOption.Open(destination, force) is not { } folder) return ExitCodes.BadInput;
        using (folder)
        {
            var figures = Comparison.WriteFigures(folder.Staging, runs, scope);
            var rows = Comparison.Differences(runs, scope);
            var trusts = Comparison.TrustDifferences(runs, scope);
            File.WriteAllText(Path.Combine(folder.Staging, "differences.csv"), Comparison.DifferencesCsv(rows));
            File.WriteAllText(Path.Combine(folder.Staging, "trusts.csv"), Comparison.DifferencesCsv(trusts, "share_moved_to_trust"));
            var times = runs.Select(Simulation.Silo.Outcomes.TimeToGoodComparison.Of).ToList();
            var timeRows = Simulation.Silo.Outcomes.TimeToGoodComparison.Differences(times);
            File.WriteAllText(Path.Combine(folder.Staging, Simulation.Silo.Outcomes.TimeToGoodTable.FileName),
                Simulation.Silo.Outcomes.TimeToGoodComparison.CurvesCsv(times, scope.Entity));
            File.WriteAllText(Path.Combine(folder.Staging, Simulation.Silo.Outcomes.TimeToGoodComparison.DifferencesFile),
                Simulation.Silo.Outcomes.TimeToGoodComparison.Csv(timeRows));
            Report.WriteComparison(folder.Staging, runs, scope, figures, rows, trusts, timeRows);
            folder.Commit();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"compared {runs.Count} runs ({string.Join(", ", runs.Select(r => r.Label))}) for {scope.Name(runs)} in {clock.Elapsed.TotalSeconds:0.0} s -> {destination}"));
        return ExitCodes.Success;
    }
}
