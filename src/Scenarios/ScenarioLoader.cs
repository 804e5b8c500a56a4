using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios;

/// <summary>
/// Loads a scenario file. Every problem is reported at once, each located to file, line, column and
/// key; an invalid file never yields a half-built scenario.
/// </summary>
public static partial class ScenarioLoader
{
    public const long MaxFileBytes = 4 * 1024 * 1024;
    public const int MaxReplicates = 100_000;

    private static readonly string[] TopLevelKeys =
        ["name", "description", "start", "end", "seed", "replicates", "department", "replicates_per_grain", "parameters", "councils", "partners", "trusts", "events",
         "extends", "parameters_from", "remove_events", "experiment", "documented_judgements", "observed", "posterior", "posterior_mode"];

    private static readonly string[] CouncilKeys = ["id", "name", "region", "inspections", .. CouncilSettings.Keys];

    /// <summary>Suggestions ("did you mean") one load may make: enough for every error shown (<see cref="ScenarioException.MaxErrors"/>).</summary>
    private const int MaxSuggestions = 2 * ScenarioException.MaxErrors;

    public static Scenario Load(string path)
    {
        using var _ = Suggestions.Limit(MaxSuggestions);
        var composer = new Composer();
        var root = composer.ComposeFile(path, path);
        return Finish(root, composer, path);
    }

    /// <summary>Loads scenario text as if it were the file <paramref name="display"/> (whose folder resolves <c>extends</c>).</summary>
    public static Scenario Parse(byte[] bytes, string display)
    {
        using var _ = Suggestions.Limit(MaxSuggestions);
        var composer = new Composer();
        var root = composer.ComposeBytes(bytes, display, Path.GetDirectoryName(Path.GetFullPath(display)) ?? ".", [Path.GetFullPath(display)]);
        return Finish(root, composer, display);
    }

    public static Scenario Parse(string text, string display) => Parse(Encoding.UTF8.GetBytes(text), display);

    private static Scenario Finish(YamlMappingNode? root, Composer composer, string display)
    {
        if (root is null || composer.Errors.Count > 0) throw new ScenarioException(Sorted(composer.Errors));
        var reader = new Reader(display, node => composer.Where(node, display));
        var scenario = Read(root, reader, display, composer.Inputs[0].Sha256);
        if (scenario is not null && Composer.Child(root, "documented_judgements") is YamlScalarNode { Value: { Length: > 0 } full }
            && composer.DocumentedFiles.TryGetValue(full, out var shown))
        {
            var (documented, sha) = ReadDocumented(full, shown, scenario.Setup, reader);
            scenario = scenario with { Documented = documented };
            composer.AddInput(shown, sha);
        }
        if (scenario is not null && Composer.Child(root, "observed") is YamlMappingNode observedMap
            && Composer.Child(observedMap, "judgements") is YamlScalarNode { Value: { Length: > 0 } judgements }
            && composer.ObservedFiles.TryGetValue(judgements, out var observedShown)
            && Composer.Child(observedMap, "until") is YamlScalarNode { Value: { } untilText } && Month.TryParse(untilText, out var until))
        {
            if (ReadObserved(judgements, observedShown, until, scenario.Setup, reader) is { } observed)
            {
                scenario = scenario.ConditionedOn(observed);
                composer.AddInput(observedShown, observed.Sha256);
            }
        }
        if (scenario is not null && Composer.Child(root, "posterior") is YamlScalarNode { Value: { Length: > 0 } posteriorFull }
            && composer.PosteriorFiles.TryGetValue(posteriorFull, out var posteriorShown)
            && ReadPosterior(posteriorFull, posteriorShown, reader) is { } posterior)
        {
            var mode = Composer.Child(root, "posterior_mode") is YamlScalarNode { Value: { } modeText } ? ParsePosteriorMode(modeText) : PosteriorMode.Draw;
            scenario = scenario.WithPosterior(posterior, mode);
            composer.AddInput(posteriorShown, posterior.Sha256);
        }
        var errors = composer.Errors.Concat(reader.Errors).ToList();
        if (errors.Count > 0 || scenario is null) throw new ScenarioException(Sorted(errors));
        return scenario with { Inputs = [.. composer.Inputs.DistinctBy(i => i.Path)] };
    }

    private static List<ScenarioError> Sorted(List<ScenarioError> errors) =>
        [.. errors.Distinct().OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Key, StringComparer.Ordinal)];

    internal static string CleanYamlMessage(string message)
    {
        // YamlDotNet prefixes positions we already give.
        var m = PositionPrefix().Match(message);
        return m.Success ? message[m.Length..].Trim() : message.Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):")]
    private static partial Regex PositionPrefix();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();

    private static Scenario? Read(YamlMappingNode root, Reader r, string display, string sha)
    {
        var top = r.AsMap(root, "");
        if (top is null) return null;

        var name = top.Text("name", required: true);
        if (name is not null && !IdPattern().IsMatch(name))
            r.Error(top.Get("name"), "name", $"'{name}' must be lower-case letters, digits, '-' or '_' (it names output folders)");
        var description = top.Text("description") ?? "";
        var start = top.Month("start", required: true);
        var end = top.Month("end", required: true);
        if (start is { } s0 && end is { } e0 && e0 < s0) r.Error(top.Get("end"), "end", $"{e0} is before start {s0}; expected a later month");
        if (start is { } s1 && end is { } e1 && e1.MonthsSince(s1) >= 1200) r.Error(top.Get("end"), "end", "runs are limited to 100 years");
        var seed = top.Integer("seed", 0, long.MaxValue, required: true);
        var replicates = top.Integer("replicates", 1, MaxReplicates, required: true);
        var department = top.Choice("department", ["scripted", "rules"]) ?? "rules";
        // 0: automatic, chosen from the replicates and the cores when the run starts (WorldSetup.AutomaticBlockSize).
        var shardSize = top.Integer("replicates_per_grain", 1, 10_000) ?? 0;

        var parameters = top.Get("parameters") is { } pNode ? ReadParameters(pNode, r) : ModelParameters.Default;
        var councils = top.Required("councils", "a list of councils") is { } cNode ? ReadCouncils(cNode, r, start, end) : [];
        var partners = top.Get("partners") is { } ptNode ? ReadPartners(ptNode, r) : [];
        var trusts = top.Get("trusts") is { } tNode ? ReadTrusts(tNode, r, councils, partners, end) : [];
        var experiment = top.Get("experiment") is { } xNode ? ReadExperiment(xNode, r, parameters, seed) : null;
        if (top.Get("observed") is { } obsNode) ReadObservedKeys(obsNode, r, start, end);
        if (top.Choice("posterior_mode", PosteriorModes) is not null && top.Get("posterior") is null)
            r.Error(top.Get("posterior_mode"), "posterior_mode", "applies only to a posterior; add posterior: FILE (a calibration's posterior.csv, relative to this file)");
        var (inputs, events) = top.Get("events") is { } eNode && start is { } st && end is { } en
            ? ReadEvents(eNode, r, st, en, councils, partners, trusts, department == "scripted")
            : ([], []);
        top.RejectUnknown(TopLevelKeys);

        if (r.Errors.Count > 0 || name is null || start is null || end is null || seed is null || replicates is null) return null;

        var setup = new WorldSetup
        {
            Scenario = name,
            Seed = seed.Value,
            Replicates = (int)replicates.Value,
            Start = start.Value,
            End = end.Value,
            Parameters = parameters,
            Councils = councils,
            Partners = partners,
            Trusts = trusts,
            Inputs = inputs,
            DepartmentMode = department == "scripted" ? DepartmentMode.Scripted : DepartmentMode.Rules,
            ShardSize = (int)shardSize,
        };
        return new Scenario(name, description.Trim(), display, sha, setup, events, [], experiment);
    }

    private static ModelParameters ReadParameters(YamlNode node, Reader r)
    {
        var parameters = ModelParameters.Default;
        var map = r.AsMap(node, "parameters");
        if (map is null) return parameters;
        foreach (var (key, value, keyNode) in Flatten(map, ""))
        {
            var path = $"parameters.{key}";
            if (!ParameterCatalog.TryGet(key, out var info))
            {
                r.Error(keyNode, path, $"unknown parameter{Suggestions.DidYouMean(key, ParameterCatalog.Keys)}; the parameters are listed in docs/ODD.md");
                continue;
            }
            if (r.Number(value, path, info.Min, info.Max, info.Unit) is { } x) parameters = info.With(parameters, x);
        }
        return parameters;
    }

    /// <summary>Accepts both nested (workforce: {base_turnover: 0.15}) and dotted (workforce.base_turnover: 0.15) keys.</summary>
    private static IEnumerable<(string Key, YamlNode Value, YamlNode KeyNode)> Flatten(Map map, string prefix)
    {
        foreach (var (key, keyNode, value) in map.Entries())
        {
            var full = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is YamlMappingNode nested)
            {
                foreach (var item in Flatten(new Map(map.Reader, nested, $"parameters.{full}"), full)) yield return item;
            }
            else yield return (full, value, keyNode);
        }
    }

    private static ImmutableArray<CouncilSetup> ReadCouncils(YamlNode node, Reader r, Month? start, Month? end)
    {
        var councils = ImmutableArray.CreateBuilder<CouncilSetup>();
        var ids = new HashSet<string>();
        foreach (var (item, key) in r.Items(node, "councils"))
        {
            var map = r.AsMap(item, key);
            if (map is null) continue;
            var id = map.Text("id", required: true);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                r.Error(map.Get("id"), map.KeyPath("id"), $"'{id}' must be lower-case letters, digits, '-' or '_'");
                id = null;
            }
            else if (id is not null && !ids.Add(id))
            {
                r.Error(map.Get("id"), map.KeyPath("id"), $"council '{id}' is defined twice");
                id = null;
            }
            var council = new CouncilSetup { Id = id ?? "", Name = map.Text("name") ?? id ?? "", Region = map.Text("region") ?? "" };
            foreach (var setting in CouncilSettings.All)
            {
                if (map.Number(setting.Key, setting.Attribute.Min, setting.Attribute.Max, setting.Attribute.Unit) is { } v)
                    setting.Property.SetValue(council, v);
            }
            if (map.Get("inspections") is { } insp) council = council with { Inspections = ReadInspections(insp, r, map.KeyPath("inspections"), start, end) };
            if (council.SocialWorkers > council.Establishment + council.AgencyWorkers + 1e-9 && map.Get("social_workers") is { } sw)
            {
                r.Error(sw, map.KeyPath("social_workers"), $"{council.SocialWorkers} social workers in post exceed the establishment of {council.Establishment} posts");
            }
            map.RejectUnknown(CouncilKeys);
            if (id is not null) councils.Add(council);
        }
        if (node is YamlSequenceNode { Children.Count: 0 }) r.Error(node, "councils", "is empty; expected at least one council");
        return councils.ToImmutable();
    }

    private static InspectionPlan ReadInspections(YamlNode node, Reader r, string path, Month? start, Month? end)
    {
        var map = r.AsMap(node, path);
        if (map is null) return InspectionPlan.Cadence;
        var planned = ImmutableArray.CreateBuilder<PlannedInspection>();
        if (map.Get("months") is { } months)
        {
            foreach (var (item, key) in r.Items(months, map.KeyPath("months")))
            {
                Month? month;
                Framework? framework = null;
                if (item is YamlMappingNode)
                {
                    var m = r.AsMap(item, key)!;
                    month = m.Month("month", required: true);
                    if (m.Get("framework") is { } f && r.Choice(f, m.KeyPath("framework"), Frameworks.Names.ToList()) is { } fw
                        && Frameworks.TryParse(fw, out var parsed))
                    {
                        framework = parsed;
                    }
                    m.RejectUnknown(["month", "framework"]);
                }
                else month = r.Month(item, key);
                if (month is not { } mo) continue;
                if (start is { } s && end is { } e && (mo < s || mo > e))
                    r.Error(item, key, $"{mo} is outside the run ({s} to {e})");
                else if (planned.Any(p => p.Month == mo))
                    r.Error(item, key, $"{mo} is listed twice");
                else planned.Add(new PlannedInspection(mo, framework));
            }
        }
        var then = map.Choice("then", ["cadence", "none"]) ?? (planned.Count == 0 ? "cadence" : "none");
        var before = map.Month("cadence_before");
        map.RejectUnknown(["months", "then", "cadence_before"]);
        return new InspectionPlan([.. planned.OrderBy(p => p.Month)], then == "cadence", before);
    }

    private static ImmutableArray<PartnerSetup> ReadPartners(YamlNode node, Reader r)
    {
        var partners = ImmutableArray.CreateBuilder<PartnerSetup>();
        var ids = new HashSet<string>();
        foreach (var (item, key) in r.Items(node, "partners"))
        {
            var map = r.AsMap(item, key);
            if (map is null) continue;
            var id = map.Text("id", required: true);
            var name = map.Text("name") ?? id ?? "";
            map.RejectUnknown(["id", "name"]);
            if (id is null) continue;
            if (!IdPattern().IsMatch(id)) r.Error(map.Get("id"), map.KeyPath("id"), $"'{id}' must be lower-case letters, digits, '-' or '_'");
            else if (!ids.Add(id)) r.Error(map.Get("id"), map.KeyPath("id"), $"partner '{id}' is defined twice");
            else partners.Add(new PartnerSetup(id, name));
        }
        return partners.ToImmutable();
    }

    private static ImmutableArray<TrustSetup> ReadTrusts(YamlNode node, Reader r, ImmutableArray<CouncilSetup> councils, ImmutableArray<PartnerSetup> partners, Month? end)
    {
        var trusts = ImmutableArray.CreateBuilder<TrustSetup>();
        var ids = new HashSet<string>();
        var own = councils.Select(c => c.Trust.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (item, key) in r.Items(node, "trusts"))
        {
            var map = r.AsMap(item, key);
            if (map is null) continue;
            var id = map.Text("id", required: true);
            var name = map.Text("name") ?? id ?? "";
            var from = map.Month("from", required: true);
            map.RejectUnknown(["id", "name", "from"]);
            if (id is null || from is null) continue;
            if (!IdPattern().IsMatch(id)) r.Error(map.Get("id"), map.KeyPath("id"), $"'{id}' must be lower-case letters, digits, '-' or '_'");
            else if (own.Contains(id) || councils.Any(c => c.Id == id) || partners.Any(p => p.Id == id)) r.Error(map.Get("id"), map.KeyPath("id"), $"'{id}' is the id of a council, a partner or a council's own trust; choose another id");
            else if (!ids.Add(id)) r.Error(map.Get("id"), map.KeyPath("id"), $"trust '{id}' is defined twice");
            else if (end is { } e && from.Value > e) r.Error(map.Get("from"), map.KeyPath("from"), $"{from} is after the run ends ({e})");
            else trusts.Add(new TrustSetup(id, name, from.Value));
        }
        return trusts.ToImmutable();
    }

    private static (ImmutableArray<ScheduledInput>, ImmutableArray<ScenarioEvent>) ReadEvents(
        YamlNode node, Reader r, Month start, Month end,
        ImmutableArray<CouncilSetup> councils, ImmutableArray<PartnerSetup> partners, ImmutableArray<TrustSetup> trusts, bool scripted)
    {
        var councilIds = councils.Select(c => c.Id).ToHashSet();
        var partnerIds = partners.Select(p => p.Id).ToHashSet();
        var inputs = ImmutableArray.CreateBuilder<ScheduledInput>();
        var events = ImmutableArray.CreateBuilder<ScenarioEvent>();
        var ids = new HashSet<string>();
        var located = new List<(ScenarioEvent Event, YamlNode Node, string Key)>();

        foreach (var (item, key) in r.Items(node, "events"))
        {
            var map = r.AsMap(item, key);
            if (map is null) continue;
            var id = map.Text("id", required: true);
            if (id is not null && !ids.Add(id)) r.Error(map.Get("id"), map.KeyPath("id"), $"event id '{id}' is used twice");
            var month = map.Month("month", required: true);
            if (month is { } m && (m < start || m > end))
            {
                r.Error(map.Get("month"), map.KeyPath("month"), $"{m} is outside the run ({start} to {end})");
                month = null;
            }
            var typeName = map.Choice("type", EventType.Names, required: true);
            var source = map.Text("source");
            var note = map.Text("note");
            var type = typeName is null ? null : EventType.Find(typeName);
            if (type is null || month is null)
            {
                map.RejectUnknown(type?.AllowedKeys ?? EventType.All.SelectMany(t => t.AllowedKeys).Distinct());
                continue;
            }
            var messages = EventBuilder.Build(type, map, month.Value, councilIds, partnerIds, trusts).ToList();
            map.RejectUnknown(type.AllowedKeys);
            if (id is null) continue;
            foreach (var (to, message) in messages) inputs.Add(new ScheduledInput(id, month.Value, to, message));
            // Values the event's builder has read and checked, kept for the reports and the order check.
            var goLive = map.Scalar("go_live") is { } gv && Month.TryParse(gv, out var gm) ? gm : (Month?)null;
            var ev = new ScenarioEvent(id, month.Value, type.Name, map.Scalar("council"), source, note,
                map.Scalar("trust"), goLive, map.Scalar("council_owned") == "true");
            events.Add(ev);
            located.Add((ev, item, key));
        }

        CheckOrder(located, trusts, scripted, r);
        return (inputs.ToImmutable(), [.. events.OrderBy(e => e.Month)]);
    }

    /// <summary>
    /// Checks each council's scripted changes of arrangement against the arrangement state machine
    /// (<see cref="Arrangements"/>) and the trusts they name. Always: a trust exists only from its
    /// <c>from</c> month; a council is in one trust at a time (a second go-live needs a return
    /// in-house between); a council leaves only the trust it joined. With a scripted Department
    /// nothing else changes the arrangement, so every change must also be legal from where the
    /// scripted history leaves it (a trust must go live before it can pass into council ownership
    /// or hand the service back); under the Department's rules a trust it orders may make such a
    /// change legal, so only the run can tell.
    /// </summary>
    private static void CheckOrder(List<(ScenarioEvent Event, YamlNode Node, string Key)> events, ImmutableArray<TrustSetup> trusts, bool scripted, Reader r)
    {
        foreach (var group in events.Where(e => e.Event.Council is not null).GroupBy(e => e.Event.Council!))
        {
            // The changes as the council makes them: a trust order's own go-live month counts as a
            // go-live into the council's own trust (unless a go-live is scripted that month), and
            // within a month orders and ownership come first, then the go-live, then the return.
            var changes = new List<(ScenarioEvent Event, ArrangementChange Change, YamlNode Node, string Key)>();
            foreach (var (ev, node, key) in group)
            {
                if (ChangeOf(ev.Type) is not { } change) continue;
                changes.Add((ev, change, node, key));
                if (change == ArrangementChange.TrustOrder && ev.GoLive is { } live
                    && !group.Any(o => o.Event.Type == "trust_go_live" && o.Event.Month == live))
                {
                    changes.Add((ev with { Month = live, Type = "trust_go_live (ordered)", Trust = null, CouncilOwned = false }, ArrangementChange.TrustGoLive, node, key));
                }
            }
            var arrangement = Arrangement.InHouse;
            string? trust = null;
            foreach (var (ev, change, node, key) in changes.OrderBy(c => c.Event.Month).ThenBy(c => Step(c.Change)))
            {
                var named = ev.Trust ?? Address.TrustOf(ev.Council!).Id;
                if (change == ArrangementChange.TrustGoLive)
                {
                    if (trusts.FirstOrDefault(t => t.Id == named) is { } declared && ev.Month < declared.From)
                    {
                        r.Error(node, key, $"{ev.Type} on {ev.Month} for {ev.Council}: trust '{named}' does not exist yet; it exists from {declared.From}");
                        continue;
                    }
                    if (arrangement.RunByTrust())
                    {
                        r.Error(node, key, $"{ev.Type} on {ev.Month} for {ev.Council}: a trust already runs the service: the council is already in trust '{trust}', and a council is in one trust at a time (return_in_house first, in an earlier month)");
                        continue;
                    }
                }
                if (change == ArrangementChange.ReturnInHouse && ev.Trust is not null && arrangement.RunByTrust() && ev.Trust != trust)
                {
                    r.Error(node, key, $"{ev.Type} on {ev.Month} for {ev.Council}: the council never joined trust '{ev.Trust}'; it is in '{trust}'");
                    continue;
                }
                var t = Arrangements.Apply(arrangement, change);
                if (t.Legal)
                {
                    arrangement = t.To;
                    if (change == ArrangementChange.TrustGoLive)
                    {
                        trust = named;
                        if (ev.CouncilOwned) arrangement = Arrangements.Apply(arrangement, ArrangementChange.CouncilOwnership).To;
                    }
                }
                else if (change == ArrangementChange.ReturnInHouse && ev.Trust is not null)
                {
                    r.Error(node, key, $"{ev.Type} on {ev.Month} for {ev.Council}: the council never joined trust '{ev.Trust}'; {t.Refusal}");
                }
                else if (scripted)
                {
                    r.Error(node, key, $"{ev.Type} on {ev.Month} for {ev.Council}: {t.Refusal}");
                }
            }
        }
    }

    /// <summary>The order in which a council makes a month's changes of arrangement (CouncilActor's commissioning step).</summary>
    private static int Step(ArrangementChange change) => change switch
    {
        ArrangementChange.TrustOrder or ArrangementChange.CouncilOwnership => 0,
        ArrangementChange.TrustGoLive => 1,
        _ => 2,
    };

    private static ArrangementChange? ChangeOf(string eventType) =>
        Arrangements.Changes.Cast<ArrangementChange?>().FirstOrDefault(c => Arrangements.Name(c!.Value) == eventType);
}

/// <summary>The council settings a scenario may give, found from <see cref="SettingAttribute"/>.</summary>
public static class CouncilSettings
{
    public sealed record Setting(string Key, PropertyInfo Property, SettingAttribute Attribute, double Default);

    public static IReadOnlyList<Setting> All { get; } = typeof(CouncilSetup)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SettingAttribute>()))
        .Where(x => x.Attribute is not null)
        .Select(x => new Setting(Naming.SnakeCase(x.Property.Name), x.Property, x.Attribute!, (double)x.Property.GetValue(new CouncilSetup { Id = "x" })!))
        .ToList();

    public static IEnumerable<string> Keys => All.Select(s => s.Key);
}
