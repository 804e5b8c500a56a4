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
    ImmutableArray<ArrangementRecord> Arrangements);
