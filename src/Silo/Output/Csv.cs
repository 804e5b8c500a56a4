using System.Globalization;

namespace Simulation.Silo.Output;

/// <summary>CSV formatting that is the same on every machine: invariant culture, RFC 4180 quoting.</summary>
public static class Csv
{
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Whole numbers without a decimal point; others rounded to six decimal places.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return "";
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15) return ((long)value).ToString(CultureInfo.InvariantCulture);
        var rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString(CultureInfo.InvariantCulture);
    }
}
