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
        var scenario = new Option<string?>("--scenario")
        {
            Description = "List the values this scenario runs with (from its parameters, parameters_from or posterior) beside each parameter's code default, range and source; "
                + "with --format csv or markdown.",
        };
        var command = new Command("parameters", "List every model parameter: key (as set in a scenario's 'parameters'), unit, default, allowed range, source and meaning; "
            + "with --scenario, the values that scenario really runs with.")
        {
            format, scenario,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(scenario) is { } path)
            {
                var kind = parse.GetValue(format);
                if (kind is not ("markdown" or "csv"))
                {
                    Console.Error.WriteLine($"--format: {kind} does not apply with --scenario; expected markdown or csv");
                    return ExitCodes.BadInput;
                }
                Scenarios.Scenario loaded;
                try
                {
                    loaded = Scenarios.ScenarioLoader.Load(path);
                }
                catch (Scenarios.ScenarioException e)
                {
                    foreach (var error in e.Errors) Console.Error.WriteLine(error);
                    return ExitCodes.BadInput;
                }
                Console.Write(ScenarioValues(loaded, kind == "csv"));
                return ExitCodes.Success;
            }
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

    /// <summary>One parameter as a scenario runs it.</summary>
    public sealed record ScenarioValue(ParameterInfo Parameter, double Value, string From, double PosteriorMedian, double PosteriorLow, double PosteriorHigh);

    /// <summary>
    /// The value of every parameter in a scenario: the scenario's own (its <c>parameters</c> or a
    /// <c>parameters_from</c> file) when it differs from the code default, otherwise the default;
    /// for a parameter its posterior varies, the weighted median and 90% interval of the particles
    /// (what the replicates draw from), the scenario's value standing only where no particle sets it.
    /// </summary>
    public static IReadOnlyList<ScenarioValue> ValuesOf(Scenarios.Scenario scenario)
    {
        var posterior = scenario.Posterior;
        var rows = new List<ScenarioValue>();
        foreach (var p in ParameterCatalog.All)
        {
            var value = p.Get(scenario.Setup.Parameters);
            var from = value.Equals(p.Default) ? "default" : "scenario";
            double median = double.NaN, low = double.NaN, high = double.NaN;
            var k = posterior?.Keys.IndexOf(p) ?? -1;
            if (k >= 0)
            {
                var pairs = posterior!.Values.Select((v, i) => (v[k], posterior.Weights[i])).ToList();
                (median, low, high) = (Statistics.WeightedQuantile.Of(pairs, 0.5), Statistics.WeightedQuantile.Of(pairs, 0.05), Statistics.WeightedQuantile.Of(pairs, 0.95));
                from = scenario.Setup.Posterior?.Mode == Model.World.PosteriorMode.Best ? "posterior (best particle)" : "posterior";
                if (scenario.Setup.Posterior?.Mode == Model.World.PosteriorMode.Best) value = p.Get(scenario.Setup.Posterior.Sets[scenario.Setup.Posterior.BestIndex()]);
                else value = median;
            }
            rows.Add(new ScenarioValue(p, value, from, median, low, high));
        }
        return rows;
    }

    /// <summary>The table of <c>parameters --scenario</c>.</summary>
    public static string ScenarioValues(Scenarios.Scenario scenario, bool csv)
    {
        var rows = ValuesOf(scenario);
        var sb = new StringBuilder();
        if (csv)
        {
            sb.Append("key,unit,value,from,posterior_median,posterior_p05,posterior_p95,default,min,max,calibrated,source\n");
            foreach (var r in rows)
            {
                var p = r.Parameter;
                sb.Append(string.Join(',', p.Key, Output.Csv.Field(p.Unit), Output.Csv.Number(r.Value), Output.Csv.Field(r.From), Output.Csv.Number(r.PosteriorMedian),
                    Output.Csv.Number(r.PosteriorLow), Output.Csv.Number(r.PosteriorHigh), Fmt(p.Default), Fmt(p.Min), Fmt(p.Max),
                    p.Declaration.Calibrated ? "yes" : "no", Output.Csv.Field(p.Source))).Append('\n');
            }
            return sb.ToString();
        }
        var changed = rows.Count(r => r.From != "default");
        sb.Append(CultureInfo.InvariantCulture, $"Parameters of {scenario.Name} ({scenario.Path}): {changed} of {rows.Count} differ from the code default");
        if (scenario.Posterior is { } post)
        {
            var best = scenario.Setup.Posterior!.Mode == Model.World.PosteriorMode.Best;
            sb.Append(CultureInfo.InvariantCulture, $"; {post.Keys.Length} come from the posterior {post.File} ({post.Values.Length} particles, mode {Scenarios.ScenarioLoader.PosteriorModeName(scenario.Setup.Posterior!.Mode)}): ");
            sb.Append(best ? "every replicate runs the best particle, whose values are shown, with the posterior's 5th to 95th percentile beside them"
                : "each replicate draws a particle, so the value shown is the weighted median, with the 5th to 95th percentile beside it");
        }
        sb.Append(".\n\n| key | unit | value | from | posterior 90% | default | range | source |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in rows)
        {
            var p = r.Parameter;
            var interval = double.IsNaN(r.PosteriorLow) ? "" : $"{Fmt(r.PosteriorLow)} to {Fmt(r.PosteriorHigh)}";
            sb.Append(CultureInfo.InvariantCulture, $"| `{p.Key}` | {p.Unit} | {Fmt(r.Value)} | {r.From} | {interval} | {Fmt(p.Default)} | {Fmt(p.Min)} to {Fmt(p.Max)} | {p.Source} |\n");
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
