using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>
/// A month's metric values, enumerated by replicate, then phase and entity. Held as the blocks the
/// entities produced (one per grain call, each already in replicate order) and merged as they are
/// read, so a month of a large run never needs one large array: a copy of every value into one
/// array (megabytes at a hundred replicates of England) would land on the large-object heap every
/// month and make every garbage collection a full one.
/// </summary>
[CollectionBuilder(typeof(MetricCollection), nameof(Create))]
[JsonConverter(typeof(MetricCollectionJsonConverter))]
public sealed class MetricCollection : IReadOnlyCollection<MetricRecord>
{
    private readonly Month _month;
    private readonly ImmutableArray<string> _areas;
    private readonly ImmutableArray<MetricValue>[][] _blocksByShard;

    public static MetricCollection Empty { get; } = new(default, [], []);

    /// <param name="month">The month every value belongs to.</param>
    /// <param name="areas">Area ids, indexed by <see cref="MetricValue.Area"/>.</param>
    /// <param name="blocksByShard">
    /// For each shard (block of consecutive replicates, in order), the blocks of values its
    /// entities produced, in phase-then-entity order; each block sorted by replicate.
    /// </param>
    public MetricCollection(Month month, ImmutableArray<string> areas, ImmutableArray<MetricValue>[][] blocksByShard)
    {
        _month = month;
        _areas = areas;
        _blocksByShard = blocksByShard;
        foreach (var shard in blocksByShard)
        {
            foreach (var block in shard)
            {
                foreach (var v in block) Count += v.Count;
            }
        }
    }

    /// <summary>A collection of records already in replicate order, all of one month.</summary>
    public static MetricCollection Create(ReadOnlySpan<MetricRecord> records)
    {
        if (records.IsEmpty) return Empty;
        var month = records[0].Month;
        var areas = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new MetricValue[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            var r = records[i];
            if (r.Month != month) throw new ArgumentException($"records of {month} and {r.Month} in one month's collection", nameof(records));
            if (!index.TryGetValue(r.Entity, out var area))
            {
                index[r.Entity] = area = areas.Count;
                areas.Add(r.Entity);
            }
            values[i] = new MetricValue(r.Replicate, checked((ushort)area), r.Metric, r.Value);
        }
        return new(month, [.. areas], [[ImmutableCollectionsMarshal.AsImmutableArray(values)]]);
    }

    public int Count { get; }

    /// <summary>
    /// The collections of consecutive blocks of replicates, given in block order, as one: their
    /// blocks are kept as they are, not copied.
    /// </summary>
    public static MetricCollection Concat(IReadOnlyList<MetricCollection> parts)
    {
        var withValues = parts.Where(p => p.Count > 0).ToList();
        if (withValues.Count == 0) return parts.Count > 0 ? parts[0] : Empty;
        var first = withValues[0];
        foreach (var p in withValues)
        {
            if (p._month != first._month) throw new ArgumentException($"metrics of {first._month} and {p._month} joined as one month", nameof(parts));
            if (p._areas != first._areas && !p._areas.SequenceEqual(first._areas))
                throw new ArgumentException("metric blocks name their areas differently", nameof(parts));
        }
        return new MetricCollection(first._month, first._areas, [.. withValues.SelectMany(p => p._blocksByShard)]);
    }

    public IEnumerator<MetricRecord> GetEnumerator()
    {
        foreach (var blocks in _blocksByShard)
        {
            var cursors = new int[blocks.Length];
            while (true)
            {
                // The next replicate is the smallest still waiting at the head of a block.
                var replicate = int.MaxValue;
                for (var b = 0; b < blocks.Length; b++)
                {
                    if (cursors[b] < blocks[b].Length) replicate = Math.Min(replicate, blocks[b][cursors[b]].Replicate);
                }
                if (replicate == int.MaxValue) break;
                for (var b = 0; b < blocks.Length; b++)
                {
                    var block = blocks[b];
                    var i = cursors[b];
                    for (; i < block.Length && block[i].Replicate == replicate; i++)
                    {
                        var v = block[i];
                        if (v.Report is { } report)
                        {
                            foreach (var metric in Metrics.OfReport)
                            {
                                yield return new MetricRecord(v.Replicate, _month, _areas[v.Area], metric, Metrics.ValueOf(report, metric));
                            }
                        }
                        else
                        {
                            yield return new MetricRecord(v.Replicate, _month, _areas[v.Area], v.Metric, v.Value);
                        }
                    }
                    cursors[b] = i;
                }
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Writes a metric table as a plain array of records, and reads one back as a single block.</summary>
public sealed class MetricCollectionJsonConverter : JsonConverter<MetricCollection>
{
    public override MetricCollection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        MetricCollection.Create(JsonSerializer.Deserialize<MetricRecord[]>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, MetricCollection value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToArray(), options);
}
