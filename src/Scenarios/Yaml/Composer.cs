using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios.Yaml;

/// <summary>Where a YAML node came from.</summary>
internal readonly record struct Location(string File, int Line, int Column);

/// <summary>A file that went into a scenario, and its SHA-256.</summary>
public sealed record ScenarioInput(string Path, string Sha256);

/// <summary>
/// Reads a scenario file and everything it pulls in (<c>extends</c>, <c>parameters_from</c>) into one
/// YAML tree, remembering for every node the file, line and column it came from, so errors in a
/// parent file are reported against that file.
/// </summary>
internal sealed class Composer
{
    public const int MaxDepth = 16;

    /// <summary>Deepest nesting of mappings and lists a file may have (scenarios need about six).</summary>
    public const int MaxNesting = 64;

    /// <summary>Most values a file may hold once its aliases are expanded (a defence against alias bombs).</summary>
    public const int MaxExpandedNodes = 200_000;
    private readonly Dictionary<YamlNode, Location> _origins = new(ReferenceEqualityComparer.Instance);
    private readonly List<ScenarioInput> _inputs = [];

    public List<ScenarioError> Errors { get; } = [];

    /// <summary>Documented-judgement files named by the composed files: full path to the name shown in errors.</summary>
    public Dictionary<string, string> DocumentedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Judgement files named by <c>observed.judgements</c>: full path to the name shown in errors.</summary>
    public Dictionary<string, string> ObservedFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Posterior files named by <c>posterior</c>: full path to the name shown in errors.</summary>
    public Dictionary<string, string> PosteriorFiles { get; } = new(StringComparer.Ordinal);
    public IReadOnlyDictionary<YamlNode, Location> Origins => _origins;
    public IReadOnlyList<ScenarioInput> Inputs => _inputs;

    public void AddInput(string display, string sha256) => _inputs.Add(new ScenarioInput(display, sha256));

    public Location Where(YamlNode? node, string fallbackFile) =>
        node is not null && _origins.TryGetValue(node, out var l) ? l : new Location(fallbackFile, 0, 0);

    /// <summary>Reads a file from disk and composes it with its parents.</summary>
    public YamlMappingNode? ComposeFile(string path, string display, IReadOnlyList<string>? chain = null)
    {
        // Loops and depth are checked, on the naming key's line, before an included file gets here (Loops).
        chain ??= [];
        var full = System.IO.Path.GetFullPath(path);
        if (ScenarioFiles.KindOf(full) == ScenarioFiles.Kind.Folder)
        {
            Errors.Add(new ScenarioError(display, 0, 0, "", "is a folder, not a scenario file"));
            return null;
        }
        // Only a regular file, and never more than the limit: a device, pipe or socket is refused
        // before it is opened, and the read stops one byte past the limit.
        var (bytes, problem) = ScenarioFiles.Read(full, ScenarioLoader.MaxFileBytes);
        if (bytes is null)
        {
            Errors.Add(new ScenarioError(display, 0, 0, "", problem!));
            return null;
        }
        return ComposeBytes(bytes, display, System.IO.Path.GetDirectoryName(full) ?? ".", [.. chain, full]);
    }

    public YamlMappingNode? ComposeBytes(byte[] bytes, string display, string folder, IReadOnlyList<string> chain)
    {
        _inputs.Add(new ScenarioInput(display, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            Errors.Add(new ScenarioError(display, 0, 0, "", "is a binary file, not YAML text"));
            return null;
        }
        if (ScenarioFiles.FirstInvalidUtf8(bytes) is { } bad)
        {
            Errors.Add(new ScenarioError(display, bad.Line, bad.Column, "", "is not UTF-8 text: the first byte that is not starts here"));
            return null;
        }
        var text = new UTF8Encoding(false).GetString(bytes);
        var root = Parse(text, display);
        if (root is null) return null;
        if (root is not YamlMappingNode map)
        {
            Errors.Add(new ScenarioError(display, (int)root.Start.Line, (int)root.Start.Column, "", "expected a mapping of keys to values at the top of the file"));
            return null;
        }
        return Include(map, display, folder, chain);
    }

    private YamlNode? Parse(string text, string display)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Errors.Add(new ScenarioError(display, 0, 0, "", "is empty; expected a scenario (see docs/scenarios.md)"));
            return null;
        }
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            // First a pass over the event stream (no recursion), so that deeply nested input is
            // refused before the recursive loader could exhaust the stack.
            if (TooDeep(new Parser(scanner), display)) return null;
            scanner = new Scanner(new StringReader(text));
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner && inner.Message.Length > 0 ? inner.Message : e.Message;
            Errors.Add(new ScenarioError(display, (int)e.Start.Line, (int)e.Start.Column, "", $"YAML syntax: {ScenarioLoader.CleanYamlMessage(message)}"));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // YamlDotNet's scanner throws these, without a position, on some malformed input
            // (an unclosed flow sequence, for one); the scanner still knows where it stopped.
            var at = scanner.CurrentPosition;
            Errors.Add(new ScenarioError(display, (int)at.Line, (int)at.Column, "", "YAML syntax: could not be parsed here (an unclosed bracket or quote above?)"));
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            Errors.Add(new ScenarioError(display, 0, 0, "", stream.Documents.Count == 0 ? "holds no YAML document" : "holds several YAML documents; expected one"));
            return null;
        }
        var root = stream.Documents[0].RootNode;
        if (TooLarge(root, display)) return null;
        Remember(root, display);
        return root;
    }

    private bool TooDeep(Parser parser, string display)
    {
        var depth = 0;
        // Values written out (aliases are counted once expanded, by TooLarge): a file with too many
        // is refused here, before a tree of them is built.
        var values = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.Scalar or YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart
                && ++values > MaxExpandedNodes)
            {
                var at = parser.Current.Start;
                Errors.Add(new ScenarioError(display, (int)at.Line, (int)at.Column, "", $"holds more than {MaxExpandedNodes:N0} values; scenario files need far fewer"));
                return true;
            }
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxNesting)
                    {
                        var at = parser.Current.Start;
                        Errors.Add(new ScenarioError(display, (int)at.Line, (int)at.Column, "",
                            $"nested more than {MaxNesting} levels deep; scenario files need only a few"));
                        return true;
                    }
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
        return false;
    }

    /// <summary>
    /// Counts the values the document holds with every alias expanded, stopping at the limit: an
    /// "alias bomb" (a few lines of anchors that expand to billions of values) is refused here.
    /// </summary>
    private bool TooLarge(YamlNode root, string display)
    {
        var stack = new Stack<(YamlNode Node, int Depth)>();
        stack.Push((root, 0));
        var count = 0;
        // Nodes seen: an alias is the same node met again, so a file without any holds each once.
        var seen = new HashSet<YamlNode>(ReferenceEqualityComparer.Instance);
        var aliased = false;
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            aliased |= !seen.Add(node);
            if (++count > MaxExpandedNodes || depth > MaxNesting)
            {
                Errors.Add(new ScenarioError(display, (int)node.Start.Line, (int)node.Start.Column, "", count > MaxExpandedNodes
                    ? aliased
                        ? $"expands to more than {MaxExpandedNodes:N0} values through its aliases (*name); expected a scenario, not an alias bomb"
                        : $"holds more than {MaxExpandedNodes:N0} values; scenario files need far fewer"
                    : $"nested more than {MaxNesting} levels deep through its aliases"));
                return true;
            }
            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children)
                    {
                        stack.Push((k, depth + 1));
                        stack.Push((v, depth + 1));
                    }
                    break;
                case YamlSequenceNode seq:
                    foreach (var c in seq.Children) stack.Push((c, depth + 1));
                    break;
            }
        }
        return false;
    }

    private void Remember(YamlNode root, string file)
    {
        var stack = new Stack<YamlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!_origins.TryAdd(node, new Location(file, (int)node.Start.Line, (int)node.Start.Column))) continue;
            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children)
                    {
                        stack.Push(k);
                        stack.Push(v);
                    }
                    break;
                case YamlSequenceNode s:
                    foreach (var c in s.Children) stack.Push(c);
                    break;
            }
        }
    }

    /// <summary>Applies <c>parameters_from</c> and <c>extends</c> to a parsed file.</summary>
    private YamlMappingNode? Include(YamlMappingNode map, string display, string folder, IReadOnlyList<string> chain)
    {
        var result = map;
        if (Child(map, "parameters_from") is { } from)
        {
            var included = IncludedFile(from, display, folder, "parameters_from");
            if (included is not null && Loops(from, display, "parameters_from", included.Value.Full, chain)) included = null;
            if (included is not null)
            {
                var before = Errors.Count;
                var other = ComposeFile(included.Value.Full, included.Value.Display, chain);
                if (other is not null)
                {
                    if (Child(other, "parameters") is YamlMappingNode theirs)
                    {
                        var ours = Child(map, "parameters") as YamlMappingNode;
                        result = With(result, "parameters", ours is null ? theirs : Merge.Deep(theirs, ours, this));
                    }
                    foreach (var (k, _) in other.Children)
                    {
                        if (k is YamlScalarNode { Value: not "parameters" } key)
                        {
                            var at = Where(key, included.Value.Display);
                            Errors.Add(new ScenarioError(at.File, at.Line, at.Column, key.Value ?? "", "a parameters_from file holds only 'parameters'"));
                        }
                    }
                }
                else if (Errors.Count == before)
                {
                    Errors.Add(Located(from, display, "parameters_from", "could not be read"));
                }
            }
            result = Without(result, "parameters_from");
        }

        if (Child(map, "documented_judgements") is { } documented)
        {
            // Resolved against the file that names it, whichever file of an extends chain that is.
            var file = IncludedFile(documented, display, folder, "documented_judgements");
            var resolved = new YamlScalarNode(file?.Full ?? "");
            _origins[resolved] = Where(documented, display);
            result = With(result, "documented_judgements", resolved);
            if (file is not null) DocumentedFiles[file.Value.Full] = file.Value.Display;
        }

        if (Child(map, "observed") is YamlMappingNode observed && Child(observed, "judgements") is { } judgements)
        {
            // Resolved against the file that names it, like documented_judgements.
            var file = IncludedFile(judgements, display, folder, "observed.judgements");
            var resolved = new YamlScalarNode(file?.Full ?? "");
            _origins[resolved] = Where(judgements, display);
            result = With(result, "observed", With(observed, "judgements", resolved));
            if (file is not null) ObservedFiles[file.Value.Full] = file.Value.Display;
        }

        if (Child(map, "posterior") is { } posterior)
        {
            // Resolved against the file that names it, like documented_judgements, and kept inside
            // that file's folder: a calibration's output travels with the scenarios that use it.
            var file = IncludedFile(posterior, display, folder, "posterior");
            var resolved = new YamlScalarNode(file?.Full ?? "");
            _origins[resolved] = Where(posterior, display);
            result = With(result, "posterior", resolved);
            if (file is not null) PosteriorFiles[file.Value.Full] = file.Value.Display;
        }

        if (Child(map, "remove_events") is { } orphan && Child(map, "extends") is null)
        {
            Errors.Add(Located(orphan, display, "remove_events", "only a scenario that extends another can remove its events; add 'extends'"));
            result = Without(result, "remove_events");
        }

        if (Child(map, "extends") is { } extends)
        {
            var parentFile = IncludedFile(extends, display, folder, "extends");
            if (parentFile is not null && Loops(extends, display, "extends", parentFile.Value.Full, chain)) parentFile = null;
            if (parentFile is not null)
            {
                var parent = ComposeFile(parentFile.Value.Full, parentFile.Value.Display, chain);
                if (parent is not null) result = Merge.Extend(parent, Without(result, "extends"), this, display);
            }
            result = Without(result, "extends");
        }
        return result;
    }

    /// <summary>
    /// The file a key names, resolved against the naming file's folder: a regular file inside the
    /// folder the naming file may reach (<see cref="ScenarioFiles.AllowedRoot"/>), or null with an
    /// error on the key's line. Nothing outside is opened, so no error can show what it holds.
    /// </summary>
    private (string Full, string Display)? IncludedFile(YamlNode node, string display, string folder, string key)
    {
        if (node is not YamlScalarNode { Value: { Length: > 0 } name })
        {
            Errors.Add(Located(node, display, key, "expected a file name"));
            return null;
        }
        if (System.IO.Path.IsPathRooted(name))
        {
            Errors.Add(Located(node, display, key, $"'{name}' is an absolute path; expected a path relative to this file, so scenarios can be moved together"));
            return null;
        }
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, name));
        var root = ScenarioFiles.AllowedRoot(System.IO.Path.Combine(folder, "_"));
        if (!ScenarioFiles.Inside(root, full))
        {
            var shown = root == System.IO.Path.GetFullPath(folder) ? "this file's folder" : $"the folder {System.IO.Path.GetFileName(root)}/";
            Errors.Add(Located(node, display, key, $"'{name}' is outside {shown}; expected a file in it or below it, so a scenario's files travel together"));
            return null;
        }
        switch (ScenarioFiles.KindOf(full))
        {
            case ScenarioFiles.Kind.Missing:
                Errors.Add(Located(node, display, key, $"'{name}' does not exist (looked for {full})"));
                return null;
            case ScenarioFiles.Kind.Folder:
                Errors.Add(Located(node, display, key, $"'{name}' is a folder; expected a file"));
                return null;
            case ScenarioFiles.Kind.Special:
                Errors.Add(Located(node, display, key, $"'{name}' is a device, pipe or socket; expected a file"));
                return null;
        }
        var displayFolder = System.IO.Path.GetDirectoryName(display);
        return (full, string.IsNullOrEmpty(displayFolder) ? name : System.IO.Path.Combine(displayFolder, name));
    }

    /// <summary>Whether including <paramref name="full"/> would loop or go too deep, reported on the key's line.</summary>
    private bool Loops(YamlNode node, string display, string key, string full, IReadOnlyList<string> chain)
    {
        if (chain.Contains(full, StringComparer.Ordinal))
        {
            Errors.Add(Located(node, display, key, $"the {key} chain loops: {string.Join(" -> ", chain.Append(full).Select(System.IO.Path.GetFileName))}"));
            return true;
        }
        if (chain.Count >= MaxDepth)
        {
            Errors.Add(Located(node, display, key, $"more than {MaxDepth} files deep; expected a short chain"));
            return true;
        }
        return false;
    }

    public ScenarioError Located(YamlNode? node, string fallbackFile, string key, string message)
    {
        var at = Where(node, fallbackFile);
        return new ScenarioError(at.File, at.Line, at.Column, key, message);
    }

    internal static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    internal YamlMappingNode With(YamlMappingNode map, string key, YamlNode value)
    {
        var copy = Copy(map);
        copy.Children[new YamlScalarNode(key)] = value;
        return copy;
    }

    internal YamlMappingNode Without(YamlMappingNode map, string key)
    {
        var copy = Copy(map);
        copy.Children.Remove(new YamlScalarNode(key));
        return copy;
    }

    /// <summary>A new mapping with the same entries, located where the original was.</summary>
    internal YamlMappingNode Copy(YamlMappingNode map)
    {
        var copy = new YamlMappingNode();
        foreach (var (k, v) in map.Children) copy.Children[k] = v;
        if (_origins.TryGetValue(map, out var at)) _origins[copy] = at;
        return copy;
    }

    internal YamlSequenceNode NewSequence(YamlNode locatedLike, IEnumerable<YamlNode> items)
    {
        var seq = new YamlSequenceNode(items);
        if (_origins.TryGetValue(locatedLike, out var at)) _origins[seq] = at;
        return seq;
    }
}
