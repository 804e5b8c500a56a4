using System.Collections.Immutable;
using System.Text.Json;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.Parameters;
using Simulation.Model.Service;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>A month's metrics, held as the grains' blocks and read in replicate order.</summary>
public class MetricCollectionTests
{
    private static readonly Month May = Month.Parse("2012-05");

    private static MetricValue V(int replicate, int area, double value) => new(replicate, (ushort)area, Metric.InterventionLevel, value);

    [Fact]
    public void Blocks_are_read_by_replicate_then_in_block_order_shard_after_shard()
    {
        // Shard 0 holds replicates 0-1 in two blocks (say, two phases); shard 1 holds 2-3.
        ImmutableArray<MetricValue> a = [V(0, 0, 1), V(0, 1, 2), V(1, 0, 3)];
        ImmutableArray<MetricValue> b = [V(0, 0, 4), V(1, 0, 5), V(1, 1, 6)];
        ImmutableArray<MetricValue> c = [V(2, 1, 7), V(3, 0, 8)];
        var metrics = new MetricCollection(May, ["x", "y"], [[a, b], [c]]);

        Assert.Equal(8, metrics.Count);
        Assert.Equal([1.0, 2, 4, 3, 5, 6, 7, 8], metrics.Select(m => m.Value));
        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 3], metrics.Select(m => m.Replicate));
        Assert.Equal(["x", "y", "x", "x", "x", "y", "y", "x"], metrics.Select(m => m.Entity));
        Assert.All(metrics, m => Assert.Equal(May, m.Month));
    }

    [Fact]
    public void A_report_entry_stands_for_every_service_metric_in_table_order()
    {
        var council = Worlds.Council("x");
        var report = ServiceStep.Report(ServiceFactory.Initial(council, May), May, 0.5, ServiceConditions.Neutral(12), ModelParameters.Default);
        ImmutableArray<MetricValue> block = [V(0, 0, 1), new MetricValue(0, 0, default, 0, report), V(1, 0, 2)];
        var metrics = new MetricCollection(May, ["x"], [[block]]);

        var records = metrics.ToList();
        Assert.Equal(2 + Metrics.OfReport.Length, metrics.Count);
        Assert.Equal(metrics.Count, records.Count);
        Assert.Equal([Metric.InterventionLevel, .. Metrics.OfReport, Metric.InterventionLevel], records.Select(r => r.Metric));
        Assert.Equal(report.Cases.Total, records.Single(r => r.Metric == Metric.OpenCases).Value);
        Assert.Equal(report.Workforce.VacancyRate, records.Single(r => r.Metric == Metric.VacancyRate).Value);
        Assert.Equal(report.Budget, records.Single(r => r.Metric == Metric.Budget).Value);
    }

    [Fact]
    public void It_crosses_silos_as_the_same_records()
    {
        ImmutableArray<MetricValue> a = [V(0, 1, 0.1), V(1, 0, 0.2)];
        ImmutableArray<MetricValue> b = [V(0, 0, 1.0 / 3)];
        var metrics = new MetricCollection(May, ["x", "y"], [[a, b]]);

        var json = JsonSerializer.Serialize(metrics, SimulationSerialization.JsonOptions);
        var back = JsonSerializer.Deserialize<MetricCollection>(json, SimulationSerialization.JsonOptions)!;

        Assert.Equal(metrics.ToList(), back.ToList());
        Assert.Equal(metrics.ToList(), MetricCollection.Create([.. metrics]).ToList());
    }
}
