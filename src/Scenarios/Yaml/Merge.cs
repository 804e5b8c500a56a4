using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios.Yaml;

/// <summary>How a scenario that <c>extends</c> another is combined with it (docs/scenarios.md).</summary>
internal static class Merge
{
    /// <summary>
    /// Child over parent: scalars replace, <c>parameters</c> and <c>observed</c> merge key by key, councils, partners and trusts
    /// merge by id, events are the parent's minus <c>remove_events</c> plus the child's (an event
    /// with a parent's id replaces it).
    /// </summary>
    public static YamlMappingNode Extend(YamlMappingNode parent, YamlMappingNode child, Composer composer, string childFile)
    {
        var result = composer.Copy(parent);
        foreach (var (k, v) in child.Children)
        {
            if (k is not YamlScalarNode { Value: { } key }) continue;
            switch (key)
            {
                case "parameters" or "observed" when Composer.Child(parent, key) is YamlMappingNode p && v is YamlMappingNode c:
                    result.Children[k] = Deep(p, c, composer);
                    break;
                case "councils" or "partners" or "trusts" when Composer.Child(parent, key) is YamlSequenceNode p && v is YamlSequenceNode c:
                    result.Children[k] = ById(p, c, composer);
                    break;
                case "events" when Composer.Child(parent, "events") is YamlSequenceNode p && v is YamlSequenceNode c:
                    result.Children[k] = Events(p, c, composer);
                    break;
                case "remove_events":
                    break;
                default:
                    result.Children[k] = v;
                    break;
            }
        }

        if (Composer.Child(child, "remove_events") is { } remove)
        {
            var events = Composer.Child(result, "events") as YamlSequenceNode;
            var ids = events?.Children.Select(IdOf).OfType<string>().ToHashSet() ?? [];
            var drop = new HashSet<string>();
            if (remove is YamlSequenceNode list)
            {
                foreach (var item in list.Children)
                {
                    if (item is YamlScalarNode { Value: { } id } && ids.Contains(id)) drop.Add(id);
                    else composer.Errors.Add(composer.Located(item, childFile, "remove_events",
                        $"{Describe(item)} is not an event of the scenario this one extends{Suggestions.DidYouMean((item as YamlScalarNode)?.Value ?? "", ids)}"));
                }
            }
            else composer.Errors.Add(composer.Located(remove, childFile, "remove_events", "expected a list of event ids"));
            if (events is not null && drop.Count > 0)
            {
                result.Children[new YamlScalarNode("events")] = composer.NewSequence(events, events.Children.Where(e => IdOf(e) is not { } id || !drop.Contains(id)));
            }
        }
        return result;
    }

    public static YamlMappingNode Deep(YamlMappingNode parent, YamlMappingNode child, Composer composer)
    {
        var result = composer.Copy(parent);
        foreach (var (k, v) in child.Children)
        {
            result.Children[k] = result.Children.TryGetValue(k, out var existing) && existing is YamlMappingNode a && v is YamlMappingNode b
                ? Deep(a, b, composer)
                : v;
        }
        return result;
    }

    private static YamlSequenceNode ById(YamlSequenceNode parent, YamlSequenceNode child, Composer composer)
    {
        var items = parent.Children.ToList();
        foreach (var c in child.Children)
        {
            var id = IdOf(c);
            var at = id is null ? -1 : items.FindIndex(p => IdOf(p) == id);
            if (at >= 0 && items[at] is YamlMappingNode p && c is YamlMappingNode cm)
            {
                var merged = composer.Copy(p);
                foreach (var (k, v) in cm.Children) merged.Children[k] = v;
                items[at] = merged;
            }
            else items.Add(c);
        }
        return composer.NewSequence(child, items);
    }

    private static YamlSequenceNode Events(YamlSequenceNode parent, YamlSequenceNode child, Composer composer)
    {
        var items = parent.Children.ToList();
        foreach (var c in child.Children)
        {
            var id = IdOf(c);
            var at = id is null ? -1 : items.FindIndex(p => IdOf(p) == id);
            if (at >= 0) items[at] = c;
            else items.Add(c);
        }
        return composer.NewSequence(child, items);
    }

    private static string? IdOf(YamlNode node) =>
        node is YamlMappingNode m && Composer.Child(m, "id") is YamlScalarNode { Value: { } id } ? id : null;

    private static string Describe(YamlNode node) => node is YamlScalarNode { Value: { } v } ? $"'{v}'" : "this entry";
}
