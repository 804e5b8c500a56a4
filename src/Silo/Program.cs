using System.CommandLine;
using Simulation.Silo.Cli;

namespace Simulation.Silo;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand(
            "Simulates the governance of English children's social care (councils, trusts, Ofsted, the "
            + "Department for Education and improvement partners) on Microsoft Orleans, month by month, "
            + "and writes the results as tidy tables. Judgements are never inputs: they emerge when the "
            + "simulated inspector inspects the simulated service.")
        {
            RunCommand.Create(),
            BacktestCommand.Create(),
            PatternsCommand.Create(),
            SensitivityCommand.Create(),
            CalibrateNationalCommand.Create(),
            CalibrateNationalCommand.CreateDiagnostics(),
            SiloCommand.Create(),
            ParametersCommand.Create(),
            ValidateCommand.Create(),
            SchemaCommand.Create(),
            CompareCommand.Create(),
            GenerateCommand.Create(),
            BenchCommand.Create(),
            CalibrateCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            Console.Error.WriteLine(ParseErrors.OneLine(parse));
            return ExitCodes.BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // Never a stack trace: one line saying what failed.
            Console.Error.WriteLine($"simulation failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
