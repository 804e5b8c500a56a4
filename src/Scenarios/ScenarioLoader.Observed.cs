using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios;

/// <summary>
/// An inspection in a judgement file (the national record's format): its council, month and
/// framework, and its published judgement when the file gives grades (null where withheld or not
/// graded). <see cref="Line"/> is the file's line, for messages.
/// </summary>
public sealed record RecordedInspection(string Council, Month Month, Framework Framework, Judgement? Judgement, int Line);

/// <summary>
/// The judgement record a scenario is conditioned on (<c>observed: {judgements, until}</c>): every
/// inspection of the file, and the month up to which graded ones condition the run. After
/// <see cref="Until"/> the model runs free; the later graded inspections are what a backtest scores.
/// </summary>
public sealed record ObservedRecord(string File, string Sha256, Month Until, ImmutableArray<RecordedInspection> Inspections)
{
    /// <summary>Inspections with grades, in month order.</summary>
    public IEnumerable<RecordedInspection> Graded => Inspections.Where(i => i.Judgement is not null);

    /// <summary>The graded inspections the run is conditioned on: those up to <see cref="Until"/>.</summary>
    public IEnumerable<RecordedInspection> Conditioning => Graded.Where(i => i.Month <= Until);
}

public static partial class ScenarioLoader
{
    /// <summary>The columns a judgement file must have (others, such as la_code or published, are ignored).</summary>
    public static readonly ImmutableArray<string> JudgementColumns =
        ["council_id", "framework", "inspection_end", "overall", "help_and_protection", "children_in_care", "leadership"];

    private static readonly Dictionary<string, Framework> RecordFrameworks = new(StringComparer.Ordinal)
    {
        ["SIF"] = Framework.SingleInspection,
        ["ILACS"] = Framework.Ilacs,
        ["ILACS_standard"] = Framework.Ilacs,
        ["ILACS_short"] = Framework.Ilacs,
        [Frameworks.Name(Framework.SingleInspection)] = Framework.SingleInspection,
        [Frameworks.Name(Framework.Ilacs)] = Framework.Ilacs,
    };

    // The four grades by today's names ("adequate", the name before November 2013, is not in the record's format).
    private static readonly Dictionary<string, Grade> RecordGrades =
        Enum.GetValues<Grade>().ToDictionary(g => Frameworks.Label(g, Framework.Ilacs), g => g, StringComparer.Ordinal);

    /// <summary>Checks the <c>observed</c> mapping's own keys (the file is read once the councils are known).</summary>
    private static Month? ReadObservedKeys(YamlNode node, Reader r, Month? start, Month? end)
    {
        var map = r.AsMap(node, "observed");
        if (map is null) return null;
        map.Required("judgements", "a judgement file (the national record's inspections.csv format), relative to this file");
        var until = map.Month("until", required: true);
        if (until is { } u && start is { } s && u < s)
            r.Error(map.Get("until"), "observed.until", $"{u} is before the run's start {s}; expected a month within the run");
        if (until is { } u2 && end is { } e && u2 > e)
            r.Error(map.Get("until"), "observed.until", $"{u2} is after the run's end {e}; expected a month within the run");
        map.RejectUnknown(["judgements", "until"]);
        return until;
    }

    /// <summary>
    /// Reads a judgement file and conditions the councils' inspection plans on its graded
    /// inspections up to <paramref name="until"/>. Every problem is located to the file's line,
    /// column and column name.
    /// </summary>
    private static ObservedRecord? ReadObserved(string full, string shown, Month until, WorldSetup setup, Reader r)
    {
        if (ReadCsvText(full, shown, $"expected the columns {string.Join(",", JudgementColumns)}", r) is not (var lines, var sha)) return null;
        var header = CsvLine.Split(lines[0]);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) column.TryAdd(header[i].Trim(), i);
        var missing = JudgementColumns.Where(c => !column.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            r.Errors.Add(new ScenarioError(shown, 1, 1, "", $"the header lacks {string.Join(", ", missing)}; expected the columns {string.Join(",", JudgementColumns)} (others are ignored)"));
            return null;
        }

        var councils = setup.Councils.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, Month), int>();
        var rows = ImmutableArray.CreateBuilder<RecordedInspection>();
        var errors = r.Errors.Count;
        foreach (var (line, fields) in DataRows(lines, header.Count, shown, r))
        {
            (string Value, int Column) Field(string name) => fields[column[name]];
            void Error(string name, string message) => r.Errors.Add(new ScenarioError(shown, line, Field(name).Column, name, message));

            var ok = true;
            var council = Field("council_id").Value;
            if (!councils.Contains(council))
            {
                Error("council_id", $"'{council}' is not a council of the scenario{Suggestions.DidYouMean(council, councils)}");
                ok = false;
            }
            if (!RecordFrameworks.TryGetValue(Field("framework").Value, out var framework))
            {
                Error("framework", $"'{Field("framework").Value}' is not a framework; expected one of {string.Join(", ", RecordFrameworks.Keys)}");
                ok = false;
            }
            var endText = Field("inspection_end").Value;
            if (!TryDateMonth(endText, out var month))
            {
                Error("inspection_end", $"'{endText}' is not a date; expected YYYY-MM-DD");
                ok = false;
            }
            Grade? Grade(string name)
            {
                var text = Field(name).Value;
                if (text.Length == 0) return null;
                if (RecordGrades.TryGetValue(text, out var g)) return g;
                Error(name, $"'{text}' is not a grade; expected one of {string.Join(", ", RecordGrades.Keys)}, or empty where not graded{Suggestions.DidYouMean(text, RecordGrades.Keys)}");
                ok = false;
                return null;
            }
            var overall = Grade("overall");
            var help = Grade("help_and_protection");
            var care = Grade("children_in_care");
            var lead = Grade("leadership");
            if (ok && overall is null && (help ?? care ?? lead) is not null)
            {
                Error("overall", "is empty, but sub-judgements are given; expected the overall grade too, or no grades (not graded or withheld)");
                ok = false;
            }
            if (!ok) continue;

            if (seen.TryGetValue((council, month), out var first))
            {
                Error("inspection_end", $"{council} is already inspected in {month} (line {first}); a council has at most one inspection a month");
                continue;
            }
            seen[(council, month)] = line;
            if (overall is not null && (month < setup.Start || month > setup.End))
            {
                Error("inspection_end", $"{month} is outside the run ({setup.Start} to {setup.End}); a graded inspection must fall within it");
                continue;
            }
            var judgement = overall is { } g ? new Judgement(council, month, framework, g, help, care, lead) : null;
            rows.Add(new RecordedInspection(council, month, framework, judgement, line));
        }
        if (r.Errors.Count > errors) return null;
        return new ObservedRecord(shown, sha, until, [.. rows.OrderBy(x => x.Month).ThenBy(x => x.Council, StringComparer.Ordinal)]);
    }

    private static bool TryDateMonth(string text, out Month month)
    {
        month = default;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            month = Month.Of(date.Year, date.Month);
            return true;
        }
        return Month.TryParse(text, out month);
    }

    /// <summary>
    /// The councils with their inspection plans conditioned on <paramref name="observed"/>: every
    /// graded inspection of the record fixes the council's inspection in that month (adding one
    /// where the plan has none, so that a forecast of it can be scored) under the record's
    /// framework; those up to the cutoff carry the recorded judgement, the later ones are left
    /// free. A council the scenario leaves to the cadence rules keeps them until its first
    /// recorded inspection.
    /// </summary>
    public static ImmutableArray<CouncilSetup> Condition(ImmutableArray<CouncilSetup> councils, ObservedRecord observed)
    {
        var byCouncil = observed.Graded.GroupBy(i => i.Council).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<CouncilSetup>(councils.Length);
        foreach (var c in councils)
        {
            var planned = c.Inspections.Fixed.Select(p => p with { Observed = null }).ToList();
            var records = byCouncil.GetValueOrDefault(c.Id) ?? [];
            foreach (var rec in records)
            {
                var judgement = rec.Month <= observed.Until ? rec.Judgement : null;
                var at = planned.FindIndex(p => p.Month == rec.Month);
                // The record's framework, whatever the plan said: the likelihood is the chance of
                // the recorded grade under the framework that gave it.
                if (at >= 0) planned[at] = planned[at] with { Framework = rec.Framework, Observed = judgement };
                else planned.Add(new PlannedInspection(rec.Month, rec.Framework, judgement));
            }
            var plan = c.Inspections with { Fixed = [.. planned.OrderBy(p => p.Month)] };
            // A council left to the cadence rules keeps them until its record starts.
            if (c.Inspections.Fixed.IsEmpty && c.Inspections.CadenceAfterFixed && c.Inspections.CadenceBefore is null && records.Count > 0)
                plan = plan with { CadenceBefore = records.Min(x => x.Month) };
            result.Add(c with { Inspections = plan });
        }
        return result.MoveToImmutable();
    }
}
