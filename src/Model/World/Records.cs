using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>One value of the timeseries table.</summary>
public readonly record struct MetricRecord(int Replicate, Month Month, string Entity, Metric Metric, double Value);

/// <summary>
/// A metric value as the entities produce it (the area is an index into the setup's councils, the
/// month is the result's), or, with <see cref="Report"/>, all <see cref="Metrics.OfReport"/> of a
/// service report at once: the report lives for the month anyway, so a service-month costs one
/// entry instead of one value per metric. <see cref="MetricCollection"/> turns them into records.
/// </summary>
public readonly record struct MetricValue(int Replicate, ushort Area, Metric Metric, double Value, ServiceReport? Report = null)
{
    /// <summary>How many records this entry stands for.</summary>
    public int Count => Report is null ? 1 : Metrics.OfReport.Length;
}

/// <summary>
/// One row of the inspections table. <see cref="Likelihood"/> is set for an inspection conditioned
/// on the record: the probability the simulated service had of the recorded overall grade, the
/// factor by which it multiplies the replicate's weight for the council (docs/ODD.md).
/// </summary>
public sealed record InspectionRecord(int Replicate, Judgement Judgement, double? Likelihood = null);

/// <summary>
/// One row of the events table: something that happened to or was done by an entity.
/// <see cref="Event"/> is a name of <see cref="EventKind"/>; <see cref="Council"/> the council it
/// concerns (empty for national events); <see cref="Data"/> its values as <c>key=value;...</c>
/// (<see cref="EventKinds.Data"/>); <see cref="Detail"/> prose for people.
/// </summary>
public sealed record EventRecord(int Replicate, Month Month, string Entity, string Event, string Council, string Data, string Detail);

/// <summary>
/// One row of the arrangements table: from <see cref="Month"/> on, who runs the council's service
/// (<see cref="Provider"/>: the council's or a trust's id), under which arrangement, and which
/// improvement partner works with it (empty for none; several joined by <c>;</c>). Written for
/// every council in the run's first month and again whenever one of the three changes.
/// </summary>
public sealed record ArrangementRecord(int Replicate, Month Month, string Council, Governance.Arrangement Arrangement, string Provider, string Partner);

/// <summary>Everything the entities of one grain call produced.</summary>
public sealed class ActorOutput(Outbox outbox, int metricsCapacity)
{
    public Outbox Outbox { get; } = outbox;
    public RecordBuffer<MetricValue> Metrics { get; } = new(metricsCapacity);
    private RecordBuffer<InspectionRecord>? _inspections;
    private RecordBuffer<EventRecord>? _events;
    private RecordBuffer<ArrangementRecord>? _arrangements;

    /// <summary>
    /// Starts another step with this output (a host reuses one: it steps one phase at a time and
    /// freezes everything before the next): anything a failed step left is dropped, the outbox
    /// starts from the phase's parcel sizes last time (<see cref="Outbox.Begin"/>) and the metrics
    /// buffer is made ready for <paramref name="metricsCapacity"/> values.
    /// </summary>
    public void Begin(Dictionary<Address, int> letterSizes, int firstLetterCapacity, int metricsCapacity)
    {
        Outbox.Begin(letterSizes, firstLetterCapacity);
        Metrics.Reset(metricsCapacity);
        _inspections?.Reset(0);
        _events?.Reset(0);
        _arrangements?.Reset(0);
    }

    // Most steps record no inspection, event or change of arrangement: their buffers are made on first use.
    public RecordBuffer<InspectionRecord> Inspections => _inspections ??= new(0);
    public RecordBuffer<EventRecord> Events => _events ??= new(0);
    public RecordBuffer<ArrangementRecord> Arrangements => _arrangements ??= new(0);

    public ImmutableArray<InspectionRecord> FreezeInspections() => _inspections?.Freeze() ?? [];
    public ImmutableArray<EventRecord> FreezeEvents() => _events?.Freeze() ?? [];
    public ImmutableArray<ArrangementRecord> FreezeArrangements() => _arrangements?.Freeze() ?? [];
}

/// <summary>
/// An append-only buffer that hands its array over when it is frozen: sized from the previous
/// month's count, the array is usually full and becomes the output without a copy.
/// </summary>
public sealed class RecordBuffer<T>(int capacity)
{
    private T[] _items = capacity > 0 ? new T[capacity] : [];

    public int Count { get; private set; }

    /// <summary>The records added so far, for sorting in place before <see cref="Freeze"/>.</summary>
    public Span<T> AsSpan() => _items.AsSpan(0, Count);

    /// <summary>Empties the buffer, keeping its array if that holds <paramref name="capacity"/> (an array handed over by <see cref="Freeze"/> is never reused).</summary>
    public void Reset(int capacity)
    {
        Count = 0;
        if (_items.Length < capacity) _items = new T[capacity];
    }

    public void Add(T item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, Math.Max(4, _items.Length * 2));
        _items[Count++] = item;
    }

    /// <summary>The records added, as an immutable array; the buffer is empty afterwards.</summary>
    public ImmutableArray<T> Freeze()
    {
        if (Count == 0) return [];
        var items = _items;
        if (Count < items.Length) Array.Resize(ref items, Count);
        _items = [];
        Count = 0;
        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }
}
