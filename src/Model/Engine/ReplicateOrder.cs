using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>Puts records in replicate order, keeping the order they had within a replicate.</summary>
public static class ReplicateOrder
{
    /// <summary>
    /// A stable counting sort of <paramref name="source"/> by replicate into a new array: linear,
    /// where a comparison sort of a month's records or a phase's mail was not.
    /// </summary>
    public static T[] Sorted<T>(ReadOnlySpan<T> source, Func<T, int> replicate)
    {
        var sorted = new T[source.Length];
        if (source.IsEmpty) return sorted;
        var min = int.MaxValue;
        var max = int.MinValue;
        foreach (var r in source)
        {
            min = Math.Min(min, replicate(r));
            max = Math.Max(max, replicate(r));
        }
        var starts = new int[max - min + 2];
        foreach (var r in source) starts[replicate(r) - min + 1]++;
        for (var i = 1; i < starts.Length; i++) starts[i] += starts[i - 1];
        foreach (var r in source) sorted[starts[replicate(r) - min]++] = r;
        return sorted;
    }
}
