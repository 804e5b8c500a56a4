using System.Globalization;
using Simulation.Grains;
using Simulation.Model.World;

namespace Simulation.Silo.Running;

/// <summary>
/// Runs the evaluations of a design (a calibration's parameter sets, a sensitivity design's
/// points): each evaluation one world setup stepped into a sink, on this machine without Orleans
/// (<see cref="Local"/>) or as a run on a cluster of silos (<see cref="OnCluster"/>), which gives
/// the same months byte for byte. A design runs up to <see cref="Parallelism"/> evaluations at once
/// (<see cref="ForEachAsync"/>); every evaluation has its own seed and its result is placed by its
/// number, so the results depend neither on where the evaluations run nor on how many run at once.
/// Counts what it ran, for the evaluations-per-hour report (<see cref="Throughput"/>).
/// </summary>
public abstract class Evaluator
{
    private long _evaluations;
    private long _councilMonths;

    protected Evaluator(int parallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        Parallelism = parallelism;
    }

    /// <summary>Evaluations run at once.</summary>
    public int Parallelism { get; }

    /// <summary>
    /// The cores of this machine an evaluation run alone (nothing else evaluated meanwhile) may use
    /// for work done here: as many as evaluations would run at once, at most one per core.
    /// </summary>
    public int LocalCores => Math.Min(Parallelism, Environment.ProcessorCount);

    /// <summary>Evaluations completed so far.</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>Council-months (councils x replicates x months) of the evaluations completed so far.</summary>
    public long CouncilMonths => Interlocked.Read(ref _councilMonths);

    /// <summary>Where the evaluations run, for manifests and the report, e.g. "direct (no Orleans), 2 evaluations at a time".</summary>
    public abstract string Describe();

    /// <summary>Runs one evaluation: <paramref name="setup"/> from its first month to its last into <paramref name="sink"/>, in order.</summary>
    public ValueTask RunAsync(WorldSetup setup, IRunSink sink, CancellationToken cancellation = default) =>
        RunAsync(setup, sink, alone: false, cancellation);

    /// <summary>
    /// <see cref="RunAsync(WorldSetup, IRunSink, CancellationToken)"/>, told whether the evaluation is
    /// <paramref name="alone"/>: nothing else is evaluated meanwhile (a search that must see one
    /// result before it asks for the next), so its own blocks may use the cores evaluations would
    /// otherwise share. The results are the same either way.
    /// </summary>
    public async ValueTask RunAsync(WorldSetup setup, IRunSink sink, bool alone, CancellationToken cancellation = default)
    {
        await RunCoreAsync(setup, sink, alone, cancellation).ConfigureAwait(false);
        Interlocked.Increment(ref _evaluations);
        Interlocked.Add(ref _councilMonths, (long)setup.Councils.Length * setup.Replicates * setup.Months);
    }

    protected abstract ValueTask RunCoreAsync(WorldSetup setup, IRunSink sink, bool alone, CancellationToken cancellation);

    /// <summary>
    /// Calls <paramref name="body"/> for 0 to <paramref name="count"/> - 1, up to
    /// <see cref="Parallelism"/> at once, in no particular order: bodies place their results by
    /// number. The first failure stops the rest and is thrown.
    /// </summary>
    public Task ForEachAsync(int count, Func<int, CancellationToken, ValueTask> body, CancellationToken cancellation = default) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation }, body);

    /// <summary>What the evaluations so far achieved in <paramref name="elapsed"/> of wall time.</summary>
    public Throughput Throughput(TimeSpan elapsed) => new(Evaluations, CouncilMonths, elapsed, Describe());

    /// <summary>
    /// Evaluations on this machine, without Orleans (the same month runner the grains use), each on
    /// one thread (<see cref="RunDriver.Direct"/>: nothing waits, so no thread pool thread is blocked),
    /// or, run alone, with its blocks spread over as many threads as evaluations would run at once
    /// (at most one per core).
    /// By default as many at once as the machine has cores.
    /// </summary>
    public static Evaluator Local(int? parallelism = null) => new LocalEvaluator(parallelism ?? Environment.ProcessorCount);

    /// <summary>
    /// Evaluations as runs on a cluster (<see cref="RunDriver.RunAsync"/>) through a connected
    /// client's <paramref name="grains"/>, with <paramref name="options"/>' checkpoints, so an
    /// evaluation that loses a silo carries on from its last checkpoint on the silos left.
    /// </summary>
    public static Evaluator OnCluster(IGrainFactory grains, RunOptions options, string cluster, int? parallelism = null) =>
        new ClusterEvaluator(grains, options, cluster, parallelism ?? DefaultClusterParallelism);

    /// <summary>
    /// Evaluations in flight on a cluster by default: four per core of this machine. The client only
    /// merges months and computes outcomes; the evaluations step on the silos, which are usually as
    /// many machines as this one or more, and each evaluation in flight spends part of its time
    /// waiting for messages between the client and the silos. <c>--parallel</c> sets it.
    /// </summary>
    public static int DefaultClusterParallelism => 4 * Environment.ProcessorCount;

    /// <summary>The most evaluations a design may run at once (<c>--parallel</c>).</summary>
    public const int MaxParallelism = 1024;

    private sealed class LocalEvaluator(int parallelism) : Evaluator(parallelism)
    {
        public override string Describe() =>
            string.Create(CultureInfo.InvariantCulture, $"direct (no Orleans), {Parallelism} evaluation{(Parallelism == 1 ? "" : "s")} at a time");

        protected override ValueTask RunCoreAsync(WorldSetup setup, IRunSink sink, bool alone, CancellationToken cancellation)
        {
            var cores = LocalCores;
            if (alone && cores > 1) return new(RunDriver.DirectAsync(setup.WithBlocksFor(cores), sink, parallel: true, cancellation));
            RunDriver.Direct(setup, sink, cancellation);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ClusterEvaluator(IGrainFactory grains, RunOptions options, string cluster, int parallelism) : Evaluator(parallelism)
    {
        public override string Describe() =>
            string.Create(CultureInfo.InvariantCulture, $"{cluster}, {Parallelism} evaluation{(Parallelism == 1 ? "" : "s")} at a time");

        // A run on the cluster spreads its blocks over the silos' cores whether alone or not.
        protected override ValueTask RunCoreAsync(WorldSetup setup, IRunSink sink, bool alone, CancellationToken cancellation) =>
            new(RunDriver.RunAsync(grains, setup, sink, null, options, cancellation));
    }
}

/// <summary>How fast a design's evaluations went: the evaluations-per-hour report.</summary>
public sealed record Throughput(long Evaluations, long CouncilMonths, TimeSpan Elapsed, string Where)
{
    public double EvaluationsPerHour => Elapsed > TimeSpan.Zero ? Evaluations / Elapsed.TotalHours : double.NaN;

    public double CouncilMonthsPerSecond => Elapsed > TimeSpan.Zero ? CouncilMonths / Elapsed.TotalSeconds : double.NaN;

    /// <summary>One line, e.g. "48 evaluations in 12.3 s: 14,049 evaluations per hour, 5,620 council-months per second (direct (no Orleans), 2 evaluations at a time)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Evaluations:N0} evaluations in {Elapsed.TotalSeconds:0.0} s: {EvaluationsPerHour:N0} evaluations per hour, {CouncilMonthsPerSecond:N0} council-months per second ({Where})");
}
