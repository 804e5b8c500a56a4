using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Simulation.Silo.Cli;

/// <summary>
/// The command line's own parse errors, said the way the commands say theirs: one line, naming the
/// option, without .NET type names (issue 20, item 5).
/// </summary>
public static partial class ParseErrors
{
    /// <summary>One line for a failed parse: its first error, and how many more there were.</summary>
    public static string OneLine(ParseResult parse)
    {
        // A word the parser did not know explains the rest ("no command given" follows from it).
        var first = Describe(parse.Errors.OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First());
        var more = parse.Errors.Count > 1 ? $" (and {parse.Errors.Count - 1} more)" : "";
        return $"{first}{more}; see 'simulation --help'";
    }

    public static string Describe(ParseError error)
    {
        var message = error.Message.Trim();
        var cannot = CannotParse().Match(message);
        if (cannot.Success)
        {
            return $"{cannot.Groups["name"].Value}: '{cannot.Groups["value"].Value}' is not {Expected(cannot.Groups["type"].Value)}";
        }
        // Lists of allowed values come one per line: put them on one.
        var flat = Whitespace().Replace(message, " ").TrimEnd('.');
        if (error.SymbolResult is OptionResult { Option: { } option } && !flat.StartsWith(option.Name, StringComparison.Ordinal))
        {
            var own = $"Option '{option.Name}' ";
            return $"{option.Name}: {(flat.StartsWith(own, StringComparison.Ordinal) ? flat[own.Length..] : flat)}";
        }
        return flat;
    }

    private static string Expected(string type) =>
        type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
        : type.Contains("Double", StringComparison.Ordinal) ? "a number"
        : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : "a value it accepts";

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument|command) '(?<name>.+?)' as expected type '(?<type>.+)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex Whitespace();
}
