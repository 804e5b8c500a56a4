using System.CommandLine;
using Simulation.Scenarios.Generators;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>generate england</c>: writes the real national scenario from the national record
/// (scenarios/england.yaml); <c>generate england-synthetic</c>: the synthetic one
/// (scenarios/england-synthetic.yaml).
/// </summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder holding the national record (authorities.csv, inspections.csv, governance.csv).",
            DefaultValueFactory = _ => RealEnglandGenerator.DefaultDataFolder,
        };
        var england = new Command("england", "Print the scenario of England's real local authorities, generated from the national record "
            + "(their regions, populations, inspection months, trusts, partners and interventions; the rules in the file's header).")
        {
            data,
        };
        england.SetAction(parse =>
        {
            var folder = parse.GetValue(data) ?? RealEnglandGenerator.DefaultDataFolder;
            try
            {
                Console.Write(RealEnglandGenerator.Generate(folder));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"generate england: {e.Message}");
                return ExitCodes.BadInput;
            }
            return ExitCodes.Success;
        });

        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the draws that make the councils; the shipped file uses the default.",
            DefaultValueFactory = _ => SyntheticEnglandGenerator.DefaultSeed,
        };
        var synthetic = new Command("england-synthetic", "Print a scenario of 151 synthetic councils in England's nine regions, drawn reproducibly "
            + "from distributions matching NATIONAL.md (stated in the file's header).")
        {
            seed,
        };
        synthetic.SetAction(parse =>
        {
            Console.Write(SyntheticEnglandGenerator.Generate(parse.GetValue(seed)));
            return ExitCodes.Success;
        });
        return new Command("generate", "Generate scenario files.") { england, synthetic };
    }
}
