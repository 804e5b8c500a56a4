using System.Text;

namespace Simulation.Scenarios;

/// <summary>Splits one line of CSV (RFC 4180 quoting, no line breaks inside fields).</summary>
public static class CsvLine
{
    public static List<string> Split(string line) => [.. SplitWithColumns(line).Select(f => f.Value)];

    /// <summary>The fields of <paramref name="line"/>, each with the 1-based column where it starts (for located errors).</summary>
    public static List<(string Value, int Column)> SplitWithColumns(string line)
    {
        var fields = new List<(string, int)>();
        var start = 1;
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add((sb.ToString(), start));
                sb.Clear();
                start = i + 2;
            }
            else
            {
                sb.Append(c);
            }
        }
        fields.Add((sb.ToString(), start));
        return fields;
    }
}
