using System.CommandLine;
using System.Globalization;
using Simulation.Scenarios;

namespace Simulation.Silo.Cli;

/// <summary><c>validate FILE...</c>: checks scenario files without running them.</summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Scenario files (YAML) to check, with everything they extend or read parameters from.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check scenario files without running them: every problem in every file is reported as "
            + "FILE:LINE:COLUMN: key: what is wrong; what is expected. Exit 0 when all are valid, 2 otherwise.")
        {
            files,
        };
        command.SetAction(parse => Validate(parse.GetValue(files)!, Console.Out, Console.Error));
        return command;
    }

    public static int Validate(IReadOnlyList<string> files, TextWriter output, TextWriter errors)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                var s = ScenarioLoader.Load(file);
                var runs = s.Experiment is null
                    ? $"{s.Setup.Replicates:N0} replicates"
                    : $"{s.VariantCount:N0} variants ({s.Experiment.Method}) x {s.Setup.Replicates:N0} replicates = {s.Runs:N0} runs";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{file}: valid: '{s.Name}', {s.Setup.Start} to {s.Setup.End}, {s.Setup.Councils.Length} council(s), {s.Events.Length} event(s), {runs}"));
                if (s.Runs > Experiment.ConfirmAbove)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{file}: note: more than {Experiment.ConfirmAbove:N0} runs; 'run' will ask for --yes-really"));
                }
            }
            catch (ScenarioException e)
            {
                failed++;
                foreach (var error in e.Errors) errors.WriteLine(error);
            }
        }
        if (files.Count > 1) output.WriteLine($"{files.Count - failed} of {files.Count} files valid");
        return failed == 0 ? ExitCodes.Success : ExitCodes.BadInput;
    }
}
