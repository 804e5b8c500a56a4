using System.CommandLine;
using Simulation.Scenarios.Generators;

namespace Simulation.Silo.Cli;

/// <summary><c>generate england</c>: writes the synthetic national scenario (scenarios/england.yaml).</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the draws that make the councils; the shipped file uses the default.",
            DefaultValueFactory = _ => EnglandGenerator.DefaultSeed,
        };
        var england = new Command("england", "Print a scenario of 151 synthetic councils in England's nine regions, drawn reproducibly "
            + "from distributions matching NATIONAL.md (stated in the file's header).")
        {
            seed,
        };
        england.SetAction(parse =>
        {
            Console.Write(EnglandGenerator.Generate(parse.GetValue(seed)));
            return ExitCodes.Success;
        });
        return new Command("generate", "Generate scenario files.") { england };
    }
}
