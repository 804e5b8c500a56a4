using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;

namespace Simulation.Scenarios;

/// <summary>
/// The JSON Schema (draft-07) of scenario files, generated from the same declarations the loader
/// reads (<see cref="ParameterCatalog"/>, <see cref="CouncilSettings"/>, <see cref="EventType"/>),
/// so editors can complete and check keys. <c>scenarios/scenario.schema.json</c> is this text; a test
/// keeps the two identical. The loader remains the authority: it also checks what a schema cannot
/// (events inside the run, councils that exist, the order of a trust's events).
/// </summary>
public static class ScenarioSchema
{
    public const string FileName = "scenario.schema.json";
    private const string MonthPattern = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    private const string IdPattern = "^[a-z0-9][a-z0-9_-]{0,63}$";

    public static string Generate()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = "Children's services governance simulator: scenario file",
            ["description"] = "A scenario: councils, their initial state, dated events and parameters. Reference: docs/scenarios.md.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["name"] = Text("Names the scenario and its default output folder.", IdPattern),
                ["description"] = Text("What the scenario describes."),
                ["start"] = Month("First simulated month (YYYY-MM)."),
                ["end"] = Month("Last simulated month (YYYY-MM)."),
                ["seed"] = Integer("Master seed: each replicate's random streams derive from it and the replicate's number.", 0, null),
                ["replicates"] = Integer("Replicates (independent random histories) to run.", 1, ScenarioLoader.MaxReplicates),
                ["department"] = Enum("scripted: the Department acts only on dated events; rules: it follows its own rules (docs/ODD.md).", "scripted", "rules"),
                ["replicates_per_grain"] = Integer("Replicates one grain holds (performance only; results do not depend on it).", 1, 10_000),
                ["extends"] = Text("A scenario file (relative to this one) whose content this file changes."),
                ["parameters_from"] = Text("A file (relative to this one) holding only 'parameters', read before this file's own."),
                ["documented_judgements"] = Text("A CSV file (council,month,overall,source; relative to this file) of judgements history records, drawn on the figures for comparison; never read by the model."),
                ["observed"] = Closed(new JsonObject
                {
                    ["judgements"] = Text("A judgement file in the national record's format (inspections.csv: council_id, framework, inspection_end, overall and the sub-judgements; relative to this file)."),
                    ["until"] = Month("Up to this month the run is conditioned on the file's graded inspections; after it the model runs free (docs/ODD.md, Conditioning on the record)."),
                }, "judgements", "until"),
                ["posterior"] = Text("A calibration posterior (the CSV calibrate-national writes: particle, weight, distance, then one column per parameter key; relative to this file and inside its folder). Each replicate runs the scenario's parameters with one particle's values in place of its own (docs/scenarios.md)."),
                ["posterior_mode"] = Enum("With posterior: draw (default): each replicate draws a particle by weight; best: every replicate runs the particle with the smallest distance.", "draw", "best"),
                ["remove_events"] = new JsonObject
                {
                    ["description"] = "Ids of events of the extended file to leave out.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "string" },
                },
                ["parameters"] = new JsonObject { ["$ref"] = "#/definitions/parameters" },
                ["councils"] = new JsonObject
                {
                    ["description"] = "The councils; in a file that extends another, entries change the council with the same id.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["$ref"] = "#/definitions/council" },
                },
                ["partners"] = new JsonObject
                {
                    ["description"] = "Improvement partners that events may name.",
                    ["type"] = "array",
                    ["items"] = Closed(new JsonObject { ["id"] = Text("Partner id.", IdPattern), ["name"] = Text("Display name.") }, "id"),
                },
                ["trusts"] = new JsonObject
                {
                    ["description"] = "Trusts or companies that several councils may join (trust_go_live with trust: ID); each exists from its 'from' month.",
                    ["type"] = "array",
                    ["items"] = Closed(new JsonObject
                    {
                        ["id"] = Text("Trust id (not a council's own '<council>-trust').", IdPattern),
                        ["name"] = Text("Display name."),
                        ["from"] = Month("The month the trust exists from (YYYY-MM)."),
                    }, "id", "from"),
                },
                ["events"] = new JsonObject
                {
                    ["description"] = "Dated events; in a file that extends another, they are added to the parent's.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["$ref"] = "#/definitions/event" },
                },
                ["experiment"] = new JsonObject { ["$ref"] = "#/definitions/experiment" },
            },
            // A complete scenario needs these; a file that extends another, or a parameters_from file
            // (only 'parameters'), does not.
            ["if"] = new JsonObject
            {
                ["not"] = new JsonObject
                {
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["required"] = Array("extends") },
                        new JsonObject { ["required"] = Array("parameters"), ["maxProperties"] = 1 }),
                },
            },
            ["then"] = new JsonObject { ["required"] = Array("name", "start", "end", "seed", "replicates", "councils") },
            ["definitions"] = new JsonObject
            {
                ["parameters"] = Parameters(),
                ["parameter"] = new JsonObject([.. ParameterCatalog.All.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Parameter(p)))]),
                ["council"] = Council(),
                ["event"] = Event(),
                ["experiment"] = Experiment(),
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";
    }

    private static JsonObject Parameters()
    {
        var properties = new JsonObject();
        foreach (var group in ParameterCatalog.All.GroupBy(p => p.Key[..p.Key.IndexOf('.', StringComparison.Ordinal)]))
        {
            var members = new JsonObject();
            foreach (var p in group) members[p.Key[(group.Key.Length + 1)..]] = new JsonObject { ["$ref"] = $"#/definitions/parameter/{p.Key}" };
            properties[group.Key] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = members };
        }
        foreach (var p in ParameterCatalog.All) properties[p.Key] = new JsonObject { ["$ref"] = $"#/definitions/parameter/{p.Key}" };
        return new JsonObject
        {
            ["description"] = "Model parameters, nested (workforce: {base_turnover: 0.15}) or dotted (workforce.base_turnover: 0.15). Units, defaults and sources: docs/ODD.md.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
    }

    private static JsonObject Parameter(ParameterInfo p) => new()
    {
        ["description"] = string.Create(CultureInfo.InvariantCulture, $"{p.Description} Unit: {p.Unit}. Default {p.Default:G6}. Source: {p.Source}."),
        ["type"] = "number",
        ["minimum"] = p.Min,
        ["maximum"] = p.Max,
        ["default"] = p.Default,
    };

    private static JsonObject Council()
    {
        var properties = new JsonObject
        {
            ["id"] = Text("Council id; events name it.", IdPattern),
            ["name"] = Text("Display name."),
            ["region"] = Text("The region the council belongs to; councils sharing a region share a labour market (docs/ODD.md 7.3)."),
        };
        foreach (var s in CouncilSettings.All)
        {
            properties[s.Key] = new JsonObject
            {
                ["description"] = $"{s.Attribute.Description} Unit: {s.Attribute.Unit}.",
                ["type"] = "number",
                ["minimum"] = s.Attribute.Min,
                ["maximum"] = s.Attribute.Max,
                ["default"] = s.Default,
            };
        }
        var fixedMonth = new JsonObject
        {
            ["oneOf"] = new JsonArray(
                Month("An inspection month."),
                Closed(new JsonObject
                {
                    ["month"] = Month("The inspection month."),
                    ["framework"] = Enum("The framework it inspects under (default: the one in force).", [.. Frameworks.Names]),
                }, "month")),
        };
        properties["inspections"] = Closed(new JsonObject
        {
            ["months"] = new JsonObject { ["description"] = "Fixed inspection months (results are never inputs).", ["type"] = "array", ["items"] = fixedMonth },
            ["then"] = Enum("After the fixed months: follow the cadence rules, or inspect no more.", "cadence", "none"),
            ["cadence_before"] = Month("Before the fixed months, inspections by the cadence rules that fall before this month (a record that starts later than the run)."),
        });
        return Closed(properties, "id");
    }

    private static JsonObject Event()
    {
        var all = new JsonObject
        {
            ["id"] = Text("Unique event id (remove_events names it)."),
            ["month"] = Month("When it happens (YYYY-MM)."),
            ["type"] = Enum("The kind of event.", [.. EventType.Names]),
            ["source"] = Text("Where the event is documented."),
            ["note"] = Text("Any remark."),
        };
        var cases = new JsonArray();
        foreach (var type in EventType.All)
        {
            var properties = new JsonObject();
            foreach (var common in EventType.CommonKeys) properties[common] = new JsonObject();
            foreach (var key in type.Keys)
            {
                properties[key.Name] = KeySchema(key);
                if (!all.ContainsKey(key.Name)) all[key.Name] = KeySchema(key);
            }
            cases.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = type.Name } }, ["required"] = Array("type") },
                ["then"] = new JsonObject
                {
                    ["description"] = type.Description,
                    ["properties"] = properties,
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray([.. type.Keys.Where(k => k.Required).Select(k => (JsonNode)k.Name)]),
                },
            });
        }
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = all,
            ["required"] = Array("id", "month", "type"),
            ["allOf"] = cases,
        };
    }

    /// <summary>A schema for an event key from the type its declaration states.</summary>
    private static JsonObject KeySchema(EventKey key)
    {
        var description = $"{key.Description} ({key.Type})";
        return key.Type switch
        {
            "council id" or "partner id" or "trust id" => Text(description, IdPattern),
            "list of council ids" => new JsonObject { ["description"] = description, ["type"] = "array", ["items"] = Text("Council id.", IdPattern) },
            "month" => Month(description),
            "text" => Text(description),
            "true | false" => new JsonObject { ["description"] = description, ["type"] = "boolean" },
            var t when t.Contains(" | ", StringComparison.Ordinal) => Enum(description, t.Split(" | ")),
            _ => new JsonObject { ["description"] = description, ["type"] = "number" },
        };
    }

    private static JsonObject Experiment()
    {
        var keys = new JsonArray([.. ParameterCatalog.Keys.Select(k => (JsonNode)k)]);
        var axis = new JsonObject
        {
            ["oneOf"] = new JsonArray(
                new JsonObject { ["description"] = "Grid: the values to try.", ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number" }, ["minItems"] = 1 },
                Closed(new JsonObject
                {
                    ["low"] = new JsonObject { ["type"] = "number" },
                    ["high"] = new JsonObject { ["type"] = "number" },
                    ["steps"] = new JsonObject { ["description"] = "Grid only: evenly spaced values from low to high.", ["type"] = "integer", ["minimum"] = 2 },
                }, "low", "high")),
        };
        return Closed(new JsonObject
        {
            ["sweep"] = Closed(new JsonObject
            {
                ["method"] = Enum("grid: every combination; latin_hypercube: 'samples' points spread over the ranges.", "grid", "latin_hypercube"),
                ["samples"] = Integer("latin_hypercube only: how many points.", 2, global::Simulation.Scenarios.Experiment.MaxVariants),
                ["seed"] = Integer("Seed of the Latin hypercube sample (default: the scenario's seed).", 0, null),
                ["parameters"] = new JsonObject
                {
                    ["description"] = "Dotted parameter keys to sweep, each a list of values or a range.",
                    ["type"] = "object",
                    ["propertyNames"] = new JsonObject { ["enum"] = keys },
                    ["additionalProperties"] = axis,
                    ["minProperties"] = 1,
                },
            }, "parameters"),
            ["variants"] = new JsonObject
            {
                ["description"] = "Named variants, each a set of parameter values.",
                ["type"] = "array",
                ["items"] = Closed(new JsonObject
                {
                    ["id"] = Text("Variant id (its output folder).", IdPattern),
                    ["parameters"] = new JsonObject { ["$ref"] = "#/definitions/parameters" },
                }, "id", "parameters"),
            },
        });
    }

    private static JsonObject Closed(JsonObject properties, params string[] required)
    {
        var o = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        if (required.Length > 0) o["required"] = Array(required);
        return o;
    }

    private static JsonObject Text(string description, string? pattern = null)
    {
        var o = new JsonObject { ["description"] = description, ["type"] = "string" };
        if (pattern is not null) o["pattern"] = pattern;
        return o;
    }

    private static JsonObject Month(string description) => Text(description, MonthPattern);

    private static JsonObject Integer(string description, long min, long? max)
    {
        var o = new JsonObject { ["description"] = description, ["type"] = "integer", ["minimum"] = min };
        if (max is { } m) o["maximum"] = m;
        return o;
    }

    private static JsonObject Enum(string description, params string[] values) =>
        new() { ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static JsonArray Array(params string[] values) => new([.. values.Select(v => (JsonNode)v)]);
}
