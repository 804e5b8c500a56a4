using Simulation.Model.Engine;
using Simulation.Model.World;
using Simulation.Silo.Statistics;

namespace Simulation.Silo.Output;

/// <summary>
/// The national figure of each metric in one month, per replicate: the sum over councils for
/// counts, staff and money (units children, FTE, per month, GBP m per month), the unweighted mean
/// over councils for rates, shares, caseloads and indices. The one definition behind the
/// <c>all</c> rows of timeseries-quantiles.csv and the national bands <c>compare</c> computes from
/// a timeseries.csv, so both detail levels give the same national figures.
/// </summary>
public sealed class NationalFigure
{
    private readonly Dictionary<Metric, Dictionary<int, (double Sum, int Count)>> _byMetric = [];

    /// <summary>Whether the national figure of a metric is the sum over councils (otherwise the mean).</summary>
    public static bool Additive(Metric metric) => Metrics.Unit(metric) is "children" or "FTE" or "per month" or "GBP m per month";

    /// <summary>Adds one council's value of a metric in one replicate.</summary>
    public void Add(int replicate, Metric metric, double value)
    {
        if (!_byMetric.TryGetValue(metric, out var perReplicate)) _byMetric[metric] = perReplicate = [];
        perReplicate[replicate] = perReplicate.TryGetValue(replicate, out var acc) ? (acc.Sum + value, acc.Count + 1) : (value, 1);
    }

    /// <summary>The metrics added so far, in declaration order.</summary>
    public IEnumerable<Metric> Seen => Enum.GetValues<Metric>().Where(_byMetric.ContainsKey);

    /// <summary>The national figure of a metric in each replicate that reported it, in replicate order.</summary>
    public List<double> Values(Metric metric)
    {
        var additive = Additive(metric);
        return [.. _byMetric[metric].OrderBy(p => p.Key).Select(p => additive ? p.Value.Sum : p.Value.Sum / p.Value.Count)];
    }

    /// <summary>Quantiles across replicates of the national figure, or missing when no council reported the metric.</summary>
    public Band BandOf(Metric metric) => _byMetric.ContainsKey(metric) ? Band.Of(Values(metric)) : Band.Missing;

    /// <summary>Forgets the month, to start the next.</summary>
    public void Clear() => _byMetric.Clear();
}
