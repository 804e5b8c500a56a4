namespace Simulation.Model.Randomness;

/// <summary>
/// Hashes that are the same on every machine and every run. <see cref="string.GetHashCode()"/> is
/// randomised per process, so it must never reach the model.
/// </summary>
public static class StableHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>FNV-1a over the UTF-16 code units of <paramref name="text"/>, then mixed.</summary>
    public static ulong Of(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return Mix(h);
    }

    /// <summary>The SplitMix64 finaliser: a bijection that spreads every input bit over the output.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Combine(ulong h, ulong value) => Mix(h + Golden + Mix(value));

    public static ulong Combine(ulong h, long value) => Combine(h, unchecked((ulong)value));
}
