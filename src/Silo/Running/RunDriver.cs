using Orleans.Concurrency;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.World;

namespace Simulation.Silo.Running;

/// <summary>Receives a run's results month by month, in order.</summary>
public interface IRunSink
{
    void Write(MonthResult month);
}

/// <summary>Passes each month to several sinks in turn (the tables and the figures' summary).</summary>
public sealed class TeeSink(params IRunSink[] sinks) : IRunSink
{
    public void Write(MonthResult month)
    {
        foreach (var sink in sinks) sink.Write(month);
    }
}

/// <summary>How far a run has got, for progress displays.</summary>
public readonly record struct RunProgress(int MonthsDone, int Months, int Replicates);

/// <summary>
/// Drives a run from outside the cluster: starts a runner grain per block of replicates, lets each
/// advance month by month on its own (<see cref="BlockPipeline"/>), and streams the merged months to
/// a sink in order, so memory does not grow with the length of the run. With checkpoints
/// (<see cref="RunOptions"/>), a call that fails because a silo died is retried with backoff: the
/// block's runner is reactivated on a surviving silo and carries on from its last checkpoint, and
/// the month asked for comes back as it would have.
/// </summary>
public static class RunDriver
{
    /// <summary>
    /// Steps a world without Orleans (the same <see cref="MonthRunner"/> per block of replicates the
    /// grains use) into a sink, month by month; with <paramref name="parallel"/> every block steps
    /// on its own thread (<see cref="BlockPipeline"/>). The results are the same either way.
    /// </summary>
    public static Task DirectAsync(WorldSetup setup, IRunSink sink, bool parallel = false, CancellationToken cancellation = default) =>
        // Every block on its own thread: automatic blocks are fixed for this machine's cores.
        new DirectWorld(parallel ? setup.WithBlocksFor(Environment.ProcessorCount) : setup).Initialise().RunAsync(sink.Write, parallel, cancellation);

    /// <summary>
    /// <see cref="DirectAsync"/> on the caller's thread: nothing waits, so no thread pool thread is
    /// blocked (for callers already running many worlds in parallel, such as calibration and
    /// sensitivity designs).
    /// </summary>
    public static void Direct(WorldSetup setup, IRunSink sink, CancellationToken cancellation = default) =>
        // One thread steps every block in turn, so blocks only add cost: automatic blocks are as few as the size allows.
        DirectAsync(setup, sink, parallel: false, cancellation).GetAwaiter().GetResult();

    /// <summary>
    /// The cores a run's blocks can spread over, for <see cref="WorldSetup.WithBlocksFor"/>: this
    /// machine's for each active silo (a cluster's machines are taken to be like the client's). Only
    /// the block size depends on it, never a result.
    /// </summary>
    private static async Task<int> ClusterCoresAsync(IGrainFactory grains)
    {
        var silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
        return Environment.ProcessorCount * Math.Max(1, silos);
    }

    public static async Task RunAsync(
        IGrainFactory grains, WorldSetup setup, IRunSink sink, IProgress<RunProgress>? progress = null,
        RunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= RunOptions.Embedded;
        setup = setup.WithBlocksFor(await ClusterCoresAsync(grains));
        // The run id only names grains; it never reaches the model.
        var runId = $"{setup.Scenario}-{Guid.NewGuid():N}";
        var blocks = Enumerable.Range(0, setup.Shards).Select(s => BlockRunners.Get(grains, runId, s)).ToArray();
        var immutable = setup.AsImmutable();
        var started = new bool[blocks.Length];
        var finished = false;
        try
        {
            await Task.WhenAll(blocks.Select((b, s) => Retry(options, async () =>
            {
                await b.StartAsync(immutable, s, options);
                started[s] = true;
            }, cancellation)));
            var done = 0;
            // Each block advances on its own, up to a few months ahead of the writer; months are
            // still written in order, each merged from every block's.
            await BlockPipeline.RunAsync(
                setup,
                async (s, m) => (await Retry(options, () => blocks[s].AdvanceAsync(m.Index), cancellation)).Value,
                month =>
                {
                    sink.Write(month);
                    progress?.Report(new RunProgress(++done, setup.Months, setup.Replicates));
                },
                cancellation);
            finished = true;
        }
        finally
        {
            var closing = blocks.Where((_, s) => started[s]).ToArray();
            if (finished) await Task.WhenAll(closing.Select(b => Retry(options, b.FinishAsync, CancellationToken.None)));
            else
            {
                // Closing after a failure is best effort, and brief (the cluster may be gone): the
                // failure is what the user needs to see.
                try
                {
                    await Task.WhenAll(closing.Select(b => b.FinishAsync())).WaitAsync(BlockPipeline.StopGrace, CancellationToken.None);
                }
                catch (Exception e) when (options.FaultTolerant || e is TimeoutException)
                {
                }
            }
        }
    }

    private static async Task Retry(RunOptions options, Func<Task> call, CancellationToken cancellation) =>
        await Retry(options, async () =>
        {
            await call();
            return true;
        }, cancellation);

    /// <summary>
    /// Calls until it succeeds, retrying failures a lost silo explains: at most
    /// <see cref="RunOptions.MaxAttempts"/> failures, with backoff, and
    /// <see cref="RunOptions.MaxTimeouts"/> timeouts (every call is idempotent, so asking again is safe).
    /// </summary>
    private static async Task<T> Retry<T>(RunOptions options, Func<Task<T>> call, CancellationToken cancellation)
    {
        var failures = 0;
        var timeouts = 0;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (options.FaultTolerant && Failures.AreTransient(e))
            {
                if (e is TimeoutException && ++timeouts <= options.MaxTimeouts) continue;
                if (++failures >= options.MaxAttempts || timeouts > options.MaxTimeouts)
                {
                    throw new ClusterUnavailableException(
                        $"the cluster did not answer ({failures} failures, {timeouts} timeouts); the last: {e.GetType().Name}: {e.Message}", e);
                }
                await Task.Delay(options.Backoff(failures), cancellation);
            }
        }
    }
}

/// <summary>The cluster stopped answering: every retry of a call failed as if no silo were left.</summary>
public sealed class ClusterUnavailableException(string message, Exception inner) : Exception(message, inner);
