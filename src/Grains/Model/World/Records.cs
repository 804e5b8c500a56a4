using Simulation.Model.Inspection;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>One value of the timeseries table.</summary>
public readonly record struct MetricRecord(int Replicate, Month Month, string Entity, Metric Metric, double Value);

/// <summary>One row of the inspections table.</summary>
public sealed record InspectionRecord(int Replicate, Judgement Judgement);

/// <summary>One row of the events table: something that happened to or was done by an entity.</summary>
public sealed record EventRecord(int Replicate, Month Month, string Entity, string Event, string Detail);

/// <summary>Everything the entities of one grain call produced.</summary>
public sealed class ActorOutput(int outboxCapacity = 0, int metricsCapacity = 0)
{
    public List<Delivery> Outbox { get; } = new(outboxCapacity);
    public List<MetricRecord> Metrics { get; } = new(metricsCapacity);
    public List<InspectionRecord> Inspections { get; } = [];
    public List<EventRecord> Events { get; } = [];
}
