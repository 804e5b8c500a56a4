using System.Globalization;
using Simulation.Model.Time;
using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios.Yaml;

/// <summary>
/// Reads typed values out of a YAML document while collecting every problem it meets, each with
/// the file, line, column and key path, instead of stopping at the first.
/// </summary>
internal sealed class Reader(string file, Func<YamlNode?, Location>? locate = null)
{
    public string File { get; } = file;
    public List<ScenarioError> Errors { get; } = [];

    public void Error(YamlNode? node, string key, string message)
    {
        var at = locate?.Invoke(node)
            ?? (node is null ? new Location(File, 0, 0) : new Location(File, (int)node.Start.Line, (int)node.Start.Column));
        Errors.Add(new ScenarioError(at.File, at.Line, at.Column, key, message));
    }

    public Map? AsMap(YamlNode node, string key)
    {
        if (node is YamlMappingNode m) return new Map(this, m, key);
        Error(node, key, $"expected a mapping of keys to values, found {Describe(node)}");
        return null;
    }

    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "nothing",
        YamlScalarNode s => $"'{Truncate(s.Value!)}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    public string? Text(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: { } v } && v.Length > 0) return v;
        Error(node, key, $"expected text, found {Describe(node)}");
        return null;
    }

    public double? Number(YamlNode node, string key, double min, double max, string unit = "")
    {
        if (node is not YamlScalarNode { Value: { } v } || v.Length == 0)
        {
            Error(node, key, $"expected a number{UnitSuffix(unit)}, found {Describe(node)}");
            return null;
        }
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            Error(node, key, $"'{v}' is not a finite number; expected a number{UnitSuffix(unit)} from {Fmt(min)} to {Fmt(max)}");
            return null;
        }
        if (x < min || x > max)
        {
            Error(node, key, $"{Fmt(x)} is out of range; expected {Fmt(min)} to {Fmt(max)}{UnitSuffix(unit)}");
            return null;
        }
        return x;
    }

    public long? Integer(YamlNode node, string key, long min, long max)
    {
        if (node is not YamlScalarNode { Value: { } v } || !long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var x))
        {
            Error(node, key, $"expected a whole number from {min} to {max}, found {Describe(node)}");
            return null;
        }
        if (x < min || x > max)
        {
            Error(node, key, $"{x} is out of range; expected {min} to {max}");
            return null;
        }
        return x;
    }

    public bool? Boolean(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: "true" or "yes" }) return true;
        if (node is YamlScalarNode { Value: "false" or "no" }) return false;
        Error(node, key, $"expected true or false, found {Describe(node)}");
        return null;
    }

    public Month? Month(YamlNode node, string key)
    {
        if (node is YamlScalarNode { Value: { } v } && Model.Time.Month.TryParse(v, out var m)) return m;
        Error(node, key, $"expected a month as YYYY-MM (e.g. 2014-10), found {Describe(node)}");
        return null;
    }

    public string? Choice(YamlNode node, string key, IReadOnlyCollection<string> choices)
    {
        var v = Text(node, key);
        if (v is null) return null;
        if (choices.Contains(v)) return v;
        Error(node, key, $"'{v}' is not one of {string.Join(", ", choices)}{Suggestions.DidYouMean(v, choices)}");
        return null;
    }

    public IEnumerable<(YamlNode Node, string Key)> Items(YamlNode node, string key)
    {
        if (node is not YamlSequenceNode seq)
        {
            Error(node, key, $"expected a list, found {Describe(node)}");
            yield break;
        }
        for (var i = 0; i < seq.Children.Count; i++) yield return (seq.Children[i], $"{key}[{i}]");
    }

    private static string UnitSuffix(string unit) => string.IsNullOrEmpty(unit) ? "" : $" ({unit})";

    public static string Fmt(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A mapping being read: remembers which keys were used so the rest can be reported as unknown.</summary>
internal sealed class Map(Reader reader, YamlMappingNode node, string path)
{
    private readonly HashSet<string> _used = [];

    public YamlMappingNode Node { get; } = node;
    public string Path { get; } = path;
    public Reader Reader { get; } = reader;

    public string KeyPath(string key) => string.IsNullOrEmpty(Path) ? key : $"{Path}.{key}";

    /// <summary>
    /// The scalar text under <paramref name="key"/>, as written, or null: for keeping a value that
    /// was already read and checked elsewhere. Neither checks nor marks the key as used.
    /// </summary>
    public string? Scalar(string key) =>
        Node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { } text } ? text : null;

    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries()
    {
        foreach (var (k, v) in Node.Children)
        {
            if (k is YamlScalarNode { Value: { } name }) yield return (name, k, v);
        }
    }

    public YamlNode? Get(string key)
    {
        _used.Add(key);
        return Node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    public YamlNode? Required(string key, string expected)
    {
        var v = Get(key);
        if (v is null) Reader.Error(Node, KeyPath(key), $"missing; expected {expected}");
        return v;
    }

    public string? Text(string key, bool required = false) =>
        (required ? Required(key, "text") : Get(key)) is { } v ? Reader.Text(v, KeyPath(key)) : null;

    public double? Number(string key, double min, double max, string unit = "", bool required = false) =>
        (required ? Required(key, $"a number from {Reader.Fmt(min)} to {Reader.Fmt(max)}") : Get(key)) is { } v
            ? Reader.Number(v, KeyPath(key), min, max, unit)
            : null;

    public long? Integer(string key, long min, long max, bool required = false) =>
        (required ? Required(key, $"a whole number from {min} to {max}") : Get(key)) is { } v
            ? Reader.Integer(v, KeyPath(key), min, max)
            : null;

    public bool? Boolean(string key) => Get(key) is { } v ? Reader.Boolean(v, KeyPath(key)) : null;

    public Month? Month(string key, bool required = false) =>
        (required ? Required(key, "a month as YYYY-MM") : Get(key)) is { } v ? Reader.Month(v, KeyPath(key)) : null;

    public string? Choice(string key, IReadOnlyCollection<string> choices, bool required = false) =>
        (required ? Required(key, $"one of {string.Join(", ", choices)}") : Get(key)) is { } v
            ? Reader.Choice(v, KeyPath(key), choices)
            : null;

    /// <summary>Reports every key that was not read, suggesting the nearest known key.</summary>
    public void RejectUnknown(IEnumerable<string>? known = null)
    {
        var candidates = (known ?? _used).ToList();
        foreach (var (name, keyNode, _) in Entries())
        {
            if (_used.Contains(name) || (known is not null && candidates.Contains(name))) continue;
            Reader.Error(keyNode, KeyPath(name),
                $"unknown key{Suggestions.DidYouMean(name, candidates)}{(candidates.Count > 0 && Suggestions.Closest(name, candidates) is null ? $"; expected one of {string.Join(", ", candidates.Order(StringComparer.Ordinal))}" : "")}");
        }
        foreach (var (k, _) in Node.Children)
        {
            if (k is not YamlScalarNode { Value.Length: > 0 }) Reader.Error(k, Path, "keys must be plain text");
        }
    }
}
