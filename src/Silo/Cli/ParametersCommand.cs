using System.CommandLine;
using System.Globalization;
using System.Text;
using Simulation.Model.Parameters;

namespace Simulation.Silo.Cli;

/// <summary><c>parameters</c>: lists every model parameter with its unit, default, range and source.</summary>
public static class ParametersCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "markdown (the table in docs/ODD.md), csv, scenario-markdown (the council settings and event types of docs/scenarios.md), events-markdown (the vocabulary of events.csv) or metrics-markdown (the metrics of timeseries.csv), both in docs/outputs.md.",
            DefaultValueFactory = _ => "markdown",
        };
        format.AcceptOnlyFromAmong("markdown", "csv", "scenario-markdown", "events-markdown", "metrics-markdown");
        var command = new Command("parameters", "List every model parameter: key (as set in a scenario's 'parameters'), unit, default, allowed range, source and meaning.")
        {
            format,
        };
        command.SetAction(parse =>
        {
            Console.Write(parse.GetValue(format) switch
            {
                "csv" => Csv(),
                "scenario-markdown" => ScenarioMarkdown(),
                "events-markdown" => EventsMarkdown(),
                "metrics-markdown" => MetricsMarkdown(),
                _ => Markdown(),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The parameter table docs/ODD.md embeds (a test keeps the two identical).</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        string? group = null;
        foreach (var p in ParameterCatalog.All)
        {
            var g = p.Key[..p.Key.IndexOf('.', StringComparison.Ordinal)];
            if (g != group)
            {
                if (group is not null) sb.Append('\n');
                group = g;
                sb.Append(CultureInfo.InvariantCulture, $"#### `{g}`\n\n");
                sb.Append("| key | unit | default | range | calibrated | meaning | source |\n");
                sb.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
            }
            sb.Append(CultureInfo.InvariantCulture,
                $"| `{p.Key}` | {p.Unit} | {Fmt(p.Default)} | {Fmt(p.Min)} to {Fmt(p.Max)} | {(p.Declaration.Calibrated ? "yes" : "no")} | {p.Description} | {p.Source} |\n");
        }
        return sb.ToString();
    }

    /// <summary>The generated part of docs/scenarios.md.</summary>
    public static string ScenarioMarkdown() =>
        "### Council settings\n\n" + Scenarios.ScenarioReference.CouncilSettingsMarkdown()
        + "\n### Event types\n\n" + Scenarios.ScenarioReference.EventTypesMarkdown();

    /// <summary>The vocabulary of events.csv, from <see cref="Simulation.Model.World.EventKind"/> (docs/outputs.md embeds it).</summary>
    public static string EventsMarkdown()
    {
        var sb = new StringBuilder("| event | recorded by | data keys | meaning |\n| --- | --- | --- | --- |\n");
        foreach (var kind in Enum.GetValues<Simulation.Model.World.EventKind>())
        {
            var doc = Simulation.Model.World.EventKinds.Doc(kind);
            var keys = doc.Data.Length == 0 ? "" : string.Join(", ", doc.Data.Split(';').Select(k => $"`{k}`"));
            sb.Append(CultureInfo.InvariantCulture, $"| `{Simulation.Model.World.EventKinds.Name(kind)}` | {doc.RecordedBy} | {keys} | {doc.Description} |\n");
        }
        return sb.ToString();
    }

    /// <summary>The metrics of timeseries.csv, from their declarations (docs/outputs.md embeds it).</summary>
    public static string MetricsMarkdown()
    {
        var sb = new StringBuilder("| metric | unit | meaning |\n| --- | --- | --- |\n");
        foreach (var m in Simulation.Model.World.Metrics.All)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| `{m.Name}` | {m.Unit} | {m.Meaning} |\n");
        }
        return sb.ToString();
    }

    private static string Csv()
    {
        var sb = new StringBuilder("key,unit,default,min,max,calibrated,description,source\n");
        foreach (var p in ParameterCatalog.All)
        {
            sb.Append(string.Join(',', p.Key, Output.Csv.Field(p.Unit), Fmt(p.Default), Fmt(p.Min), Fmt(p.Max),
                p.Declaration.Calibrated ? "yes" : "no", Output.Csv.Field(p.Description), Output.Csv.Field(p.Source)));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Fmt(double x) => x.ToString("0.#####", CultureInfo.InvariantCulture);
}
