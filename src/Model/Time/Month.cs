using System.Globalization;

namespace Simulation.Model.Time;

/// <summary>
/// A calendar month, the model's unit of time. Stored as months since January of year 0 so that
/// arithmetic and ordering are plain integer operations.
/// </summary>
public readonly record struct Month(int Index) : IComparable<Month>
{
    public static Month Of(int year, int month)
    {
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "month must be 1..12");
        return new Month(year * 12 + month - 1);
    }

    public int Year => Index / 12;

    /// <summary>Calendar month, 1 (January) to 12 (December).</summary>
    public int CalendarMonth => Index % 12 + 1;

    /// <summary>First month of the English local-government financial year (April).</summary>
    public bool StartsFinancialYear => CalendarMonth == 4;

    /// <summary>Years since <paramref name="origin"/>, fractional.</summary>
    public double YearsSince(Month origin) => (Index - origin.Index) / 12.0;

    public Month Plus(int months) => new(Index + months);

    public int MonthsSince(Month other) => Index - other.Index;

    public static Month operator +(Month m, int months) => new(m.Index + months);
    public static Month operator -(Month m, int months) => new(m.Index - months);
    public static bool operator <(Month a, Month b) => a.Index < b.Index;
    public static bool operator >(Month a, Month b) => a.Index > b.Index;
    public static bool operator <=(Month a, Month b) => a.Index <= b.Index;
    public static bool operator >=(Month a, Month b) => a.Index >= b.Index;

    public int CompareTo(Month other) => Index.CompareTo(other.Index);

    /// <summary>Parses <c>YYYY-MM</c>; anything else is rejected.</summary>
    public static bool TryParse(string? text, out Month month)
    {
        month = default;
        if (text is null || text.Length != 7 || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        if (year < 1900 || year > 2200 || m < 1 || m > 12) return false;
        month = Of(year, m);
        return true;
    }

    public static Month Parse(string text) =>
        TryParse(text, out var m) ? m : throw new FormatException($"'{text}' is not a month in the form YYYY-MM");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{CalendarMonth:D2}");
}
