using System.CommandLine;
using Simulation.Scenarios;

namespace Simulation.Silo.Cli;

/// <summary><c>schema</c>: prints the JSON Schema of scenario files (scenarios/scenario.schema.json).</summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", $"Print the JSON Schema of scenario files, generated from the code; scenarios/{ScenarioSchema.FileName} "
            + "is this output, for editors (VS Code's YAML extension: '# yaml-language-server: $schema=scenario.schema.json').");
        command.SetAction(_ =>
        {
            Console.Write(ScenarioSchema.Generate());
            return ExitCodes.Success;
        });
        return command;
    }
}
