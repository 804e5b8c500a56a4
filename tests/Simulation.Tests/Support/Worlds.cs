using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Tests.Support;

/// <summary>Small worlds for tests of the world's mechanics.</summary>
public static class Worlds
{
    public static CouncilSetup Council(string id = "a", double quality = 0.6, params string[] inspectionMonths) => new()
    {
        Id = id,
        Name = id,
        PracticeQuality = quality,
        Inspections = inspectionMonths.Length == 0
            ? InspectionPlan.Cadence
            : new InspectionPlan([.. inspectionMonths.Select(m => new PlannedInspection(Month.Parse(m), null))], false),
    };

    public static WorldSetup Setup(
        IEnumerable<CouncilSetup>? councils = null,
        IEnumerable<ScheduledInput>? inputs = null,
        int replicates = 6,
        string start = "2010-01",
        string end = "2012-12",
        DepartmentMode mode = DepartmentMode.Scripted,
        int shardSize = 25,
        long seed = 1) => new()
    {
        Scenario = "test",
        Seed = seed,
        Replicates = replicates,
        Start = Month.Parse(start),
        End = Month.Parse(end),
        Councils = [.. councils ?? [Council()]],
        Partners = [new PartnerSetup("p", "Partner")],
        Inputs = [.. inputs ?? []],
        DepartmentMode = mode,
        ShardSize = shardSize,
    };

    public static ScheduledInput At(string month, Address to, IMessage message, string id = "e") =>
        new(id, Month.Parse(month), to, message);

    public static IEnumerable<MetricRecord> Metric(this IEnumerable<MonthResult> results, Metric metric, int replicate = 0) =>
        results.SelectMany(r => r.Metrics).Where(m => m.Metric == metric && m.Replicate == replicate);

    public static IEnumerable<EventRecord> Events(this IEnumerable<MonthResult> results, string name) =>
        results.SelectMany(r => r.Events).Where(e => e.Event == name);

    public static ImmutableArray<Judgement> Judgements(this IEnumerable<MonthResult> results, int replicate = 0) =>
        [.. results.SelectMany(r => r.Inspections).Where(i => i.Replicate == replicate).Select(i => i.Judgement)];
}
