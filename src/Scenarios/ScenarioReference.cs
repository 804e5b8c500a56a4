using System.Globalization;
using System.Text;

namespace Simulation.Scenarios;

/// <summary>Markdown reference of the council settings and event types, for docs/scenarios.md.</summary>
public static class ScenarioReference
{
    public static string CouncilSettingsMarkdown()
    {
        var sb = new StringBuilder("| key | unit | default | range | meaning |\n| --- | --- | --- | --- | --- |\n");
        sb.Append("| `id` | text | (required) | lower-case letters, digits, `-`, `_` | Identifies the council in events and outputs. |\n");
        sb.Append("| `name` | text | the id | | Display name. |\n");
        sb.Append("| `region` | text | (none) | | The region the council belongs to (england.yaml: one of nine). Councils sharing a region share a labour market: social workers move between them (docs/ODD.md 7.3). |\n");
        foreach (var s in CouncilSettings.All)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| `{s.Key}` | {s.Attribute.Unit} | {Fmt(s.Default)} | {Fmt(s.Attribute.Min)} to {Fmt(s.Attribute.Max)} | {s.Attribute.Description} |\n");
        }
        sb.Append("| `inspections` | mapping | cadence rules | | `months`: list of `YYYY-MM` or `{month, framework}`; `then`: `cadence` or `none` (default `none` when months are given); `cadence_before`: a month before which inspections by the cadence rules also happen ahead of the fixed months. |\n");
        return sb.ToString();
    }

    public static string EventTypesMarkdown()
    {
        var sb = new StringBuilder();
        foreach (var t in EventType.All)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#### `{t.Name}`\n\n{t.Description}\n\n");
            if (t.Keys.Count == 0) continue;
            sb.Append("| key | type | required | meaning |\n| --- | --- | --- | --- |\n");
            foreach (var k in t.Keys)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| `{k.Name}` | {k.Type} | {(k.Required ? "yes" : "no")} | {k.Description} |\n");
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Fmt(double x) => x.ToString("0.#####", CultureInfo.InvariantCulture);
}
