namespace Simulation.Scenarios;

/// <summary>"Did you mean" for misspelt keys and names.</summary>
public static class Suggestions
{
    // Suggestions left to make on this thread within a Limit scope (null: no limit). Each compares
    // the input with every candidate, so a file of a hundred thousand misspelt keys would otherwise
    // spend most of a minute suggesting corrections nobody will read (only the first errors are shown).
    [ThreadStatic]
    private static int? _left;

    /// <summary>Allows at most <paramref name="count"/> suggestions on this thread until disposed; then none.</summary>
    public static IDisposable Limit(int count)
    {
        var previous = _left;
        _left = count;
        return new Restore(previous);
    }

    private sealed class Restore(int? previous) : IDisposable
    {
        public void Dispose() => _left = previous;
    }

    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        if (_left is { } left)
        {
            if (left <= 0) return null;
            _left = left - 1;
        }
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(input, c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        // Only near misses: at most a third of the word wrong, and at most three edits.
        return best is not null && bestDistance <= Math.Min(3, Math.Max(1, best.Length / 3)) ? best : null;
    }

    public static string DidYouMean(string input, IEnumerable<string> candidates) =>
        Closest(input, candidates) is { } s ? $"; did you mean '{s}'?" : "";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
