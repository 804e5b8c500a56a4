using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Scenarios;

/// <summary>Files written to hurt the loader: each gets a located error, quickly, never a crash.</summary>
public class HostileInputTests
{
    private static ScenarioError Refused(string text, string expected)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "hostile.yaml"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        return Assert.Single(e.Errors, x => x.Message.Contains(expected, StringComparison.Ordinal));
    }

    private static string Laughs(bool mappings)
    {
        var sb = new StringBuilder("name: x\nstart: 2008-01\nend: 2009-01\nseed: 1\nreplicates: 1\ncouncils: [{id: a}]\nparameters:\n");
        sb.Append(mappings ? "  l0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n" : "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
        {
            var refs = Enumerable.Range(0, 9).Select(j => mappings ? $"k{j}: *l{i - 1}" : $"*l{i - 1}");
            sb.Append($"  l{i}: &l{i} ").Append(mappings ? "{" : "[").Append(string.Join(", ", refs)).Append(mappings ? "}\n" : "]\n");
        }
        return sb.ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Alias_bombs_are_refused(bool mappings)
    {
        var error = Refused(Laughs(mappings), "alias bomb");
        Assert.Equal("hostile.yaml", error.File);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void A_long_list_without_aliases_is_refused_for_its_size_not_as_an_alias_bomb()
    {
        // 3.5 MB, under the 4 MB limit: a list of 290,000 numbers.
        var text = "name: x\nparameters:\n  list:\n" + string.Concat(Enumerable.Repeat("    - 12345\n", 290_000));
        var error = Refused(text, "holds more than 200,000 values");
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void A_file_of_many_unknown_keys_gets_its_first_hundred_errors_and_a_count_of_the_rest_quickly()
    {
        var text = "name: x\nparameters:\n" + string.Concat(Enumerable.Range(0, 95_000).Select(i => $"  k{i}: 1\n"));
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "hostile.yaml"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal(ScenarioException.MaxErrors + 1, e.Errors.Count);
        Assert.Contains("more errors from here on, not shown", e.Errors[^1].Message, StringComparison.Ordinal);
        Assert.True(e.Errors[^1].Line > 0);
    }

    [Theory]
    [InlineData("flow")]
    [InlineData("block")]
    [InlineData("dashes")]
    public void Very_deep_nesting_is_refused_before_it_can_exhaust_the_stack(string shape)
    {
        var text = shape switch
        {
            "flow" => "name: " + new string('[', 200_000) + new string(']', 200_000) + "\n",
            "dashes" => "name:\n" + string.Concat(Enumerable.Repeat("- ", 500_000)) + "x\n",
            _ => "name: x\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 1000) + "v: 1\n",
        };
        var error = Refused(text, "levels deep");
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Output_names_cannot_escape_the_output_folder()
    {
        var text = File.ReadAllText(Repository.Scenario("failing-council.yaml")).Replace("name: failing-council", "name: ../../elsewhere", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, Repository.Scenario("escape.yaml")));
        Assert.Contains(e.Errors, x => x.Key == "name" && x.Message.Contains("names output folders", StringComparison.Ordinal));
    }

    private static readonly string[] Shipped = [.. Directory.EnumerateFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal)];

    private static readonly string[] Hostile =
    [
        "-1", "1e308", ".nan", "-.inf", "", "~", "null", "[", "]", "{", "{a: 1}", "[1, 2]", "*undefined", "&anchor x",
        "2099-13", "0000-00", "'", "\"", "\t", "yes", "9223372036854775808", "🙂", new string('x', 5000), "!!binary AAAA", "? x", "|", ">",
        "- a", "%YAML 1.1", "---", "...", "#", "a: b: c",
    ];

    /// <summary>A mutation of one shipped file: its name, and the mutated text.</summary>
    public sealed record Mutation(string File, string Text, string What)
    {
        public override string ToString() => $"{Path.GetFileName(File)}: {What}";
    }

    private static Gen<Mutation> Mutations() =>
        from file in Gen.Elements(Shipped)
        let text = File.ReadAllText(file)
        let lines = text.Split('\n')
        from kind in Gen.Choose(0, 7)
        from line in Gen.Choose(0, lines.Length - 1)
        from other in Gen.Choose(0, lines.Length - 1)
        from value in Gen.Elements(Hostile)
        from position in Gen.Choose(0, text.Length)
        from b in Gen.Choose(0, 255)
        select Mutate(file, text, lines, kind, line, other, value, position, (byte)b);

    private static Mutation Mutate(string file, string text, string[] lines, int kind, int line, int other, string value, int position, byte b)
    {
        var l = lines.ToList();
        string what;
        switch (kind)
        {
            case 0:
                what = $"line {line + 1} deleted";
                l.RemoveAt(line);
                break;
            case 1:
                what = $"line {line + 1} duplicated";
                l.Insert(line, l[line]);
                break;
            case 2:
                var colon = l[line].IndexOf(": ", StringComparison.Ordinal);
                what = $"line {line + 1}'s value replaced by '{value}'";
                l[line] = colon >= 0 ? l[line][..(colon + 2)] + value : l[line] + value;
                break;
            case 3:
                what = $"lines {line + 1} and {other + 1} swapped";
                (l[line], l[other]) = (l[other], l[line]);
                break;
            case 4:
                what = $"line {line + 1} indented by {other % 5 - 2}";
                l[line] = other % 5 >= 2 ? new string(' ', other % 5 - 1) + l[line] : l[line].TrimStart();
                break;
            case 5:
                what = $"a key on line {line + 1} misspelled";
                var c = l[line].IndexOf(':', StringComparison.Ordinal);
                if (c > 1) l[line] = l[line][..(c - 1)] + "q" + l[line][c..];
                break;
            case 6:
                what = $"truncated at {position}";
                return new Mutation(file, text[..position], what);
            default:
                what = $"byte {b} inserted at {position}";
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                bytes.Insert(Math.Min(position, bytes.Count), b);
                return new Mutation(file, Encoding.UTF8.GetString([.. bytes]), what);
        }
        return new Mutation(file, string.Join('\n', l), what);
    }

    /// <summary>Errors about a file as a whole, which have no line to point at.</summary>
    private static readonly string[] WholeFileErrors =
        ["is empty", "holds no YAML document", "holds several YAML documents", "is a binary file", "cannot be read", "no such file", "is larger than"];

    /// <summary>
    /// At least 500 mutations per run (issue 20, item 9). Loading either succeeds (the command's exit
    /// 0) or throws the loader's own exception (exit 2); any other exception fails the property.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property Every_mutation_of_a_shipped_scenario_loads_or_gives_located_errors() =>
        Prop.ForAll(Mutations().ToArbitrary(), m =>
        {
            try
            {
                ScenarioLoader.Parse(m.Text, m.File);
                return true.Label(m.What);
            }
            catch (ScenarioException e)
            {
                // Every error names a file and says something; none leaks an exception's text; every
                // error about a place in the text says where.
                var bad = e.Errors.FirstOrDefault(x =>
                    x.File.Length == 0 || x.Message.Length == 0 || x.Message.Contains("Exception", StringComparison.Ordinal)
                    || x.Message.Contains("   at ", StringComparison.Ordinal)
                    || (x.Line <= 0 && x.File == m.File && !WholeFileErrors.Any(w => x.Message.Contains(w, StringComparison.Ordinal))));
                return (e.Errors.Count > 0 && bad is null).Label($"{m.What}: {bad}");
            }
        });
}
