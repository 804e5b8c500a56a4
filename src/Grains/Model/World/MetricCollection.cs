using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Simulation.Model.World;

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
    private readonly ImmutableArray<MetricRecord>[][] _blocksByShard;

    public static MetricCollection Empty { get; } = new([]);

    /// <param name="blocksByShard">
    /// For each shard (block of consecutive replicates, in order), the blocks of records its
    /// entities produced, in phase-then-entity order; each block sorted by replicate.
    /// </param>
    public MetricCollection(ImmutableArray<MetricRecord>[][] blocksByShard)
    {
        _blocksByShard = blocksByShard;
        foreach (var shard in blocksByShard)
        {
            foreach (var block in shard) Count += block.Length;
        }
    }

    /// <summary>A table of records already in replicate order (a single block).</summary>
    public static MetricCollection Create(ReadOnlySpan<MetricRecord> records) =>
        records.IsEmpty ? Empty : new([[[.. records]]]);

    public int Count { get; }

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
                    while (i < block.Length && block[i].Replicate == replicate) yield return block[i++];
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
