using System.Collections.Immutable;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>What one entity (for one block of replicates) receives in a phase.</summary>
public sealed record PhaseInput(Month Month, Phase Phase, ImmutableArray<Parcel> Inbox);

/// <summary>What it sends and records, and the phases it wants to be woken for without mail.</summary>
public sealed record PhaseOutput(
    ImmutableArray<Parcel> Outbox,
    ImmutableArray<MetricValue> Metrics,
    ImmutableArray<InspectionRecord> Inspections,
    ImmutableArray<EventRecord> Events,
    ImmutableArray<ArrangementRecord> Arrangements,
    PhaseSet Wakes);

/// <summary>Everything a month produced, ordered by replicate (and within it, by phase and entity).</summary>
public sealed record MonthResult(
    Month Month,
    MetricCollection Metrics,
    ImmutableArray<InspectionRecord> Inspections,
    ImmutableArray<EventRecord> Events,
    ImmutableArray<ArrangementRecord> Arrangements)
{
    /// <summary>
    /// One month of the whole run from the same month of each block of replicates, given in block
    /// order. Blocks are consecutive ranges of replicates and each block's records are in replicate
    /// order, so joining them in block order keeps every table in replicate order: the result is
    /// the one a single runner over every block would give.
    /// </summary>
    public static MonthResult Merge(IReadOnlyList<MonthResult> blocks)
    {
        if (blocks.Count == 0) throw new ArgumentException("no blocks to merge", nameof(blocks));
        if (blocks.Count == 1) return blocks[0];
        var month = blocks[0].Month;
        foreach (var b in blocks)
        {
            if (b.Month != month) throw new ArgumentException($"blocks of {month} and {b.Month} merged as one month", nameof(blocks));
        }
        return new MonthResult(
            month,
            MetricCollection.Concat([.. blocks.Select(b => b.Metrics)]),
            Concat(blocks, static b => b.Inspections),
            Concat(blocks, static b => b.Events),
            Concat(blocks, static b => b.Arrangements));
    }

    private static ImmutableArray<T> Concat<T>(IReadOnlyList<MonthResult> blocks, Func<MonthResult, ImmutableArray<T>> records)
    {
        var count = 0;
        foreach (var b in blocks) count += records(b).Length;
        if (count == 0) return [];
        var all = ImmutableArray.CreateBuilder<T>(count);
        foreach (var b in blocks) all.AddRange(records(b));
        return all.MoveToImmutable();
    }
}
