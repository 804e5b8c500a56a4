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
/// Drives a run from outside the cluster: starts the run's coordinator, asks it for each month in
/// turn, and streams the results to a sink, so memory does not grow with the length of the run.
/// With checkpoints (<see cref="RunOptions"/>), a call that fails because a silo died is retried
/// with backoff: the coordinator is reactivated on a surviving silo and carries on from its last
/// checkpoint, and the month asked for comes back as it would have.
/// </summary>
public static class RunDriver
{
    /// <summary>
    /// Steps a world without Orleans (the same <see cref="MonthRunner"/> the grains use) into a
    /// sink, month by month; with <paramref name="parallel"/> a phase's blocks step at once on the
    /// thread pool (<see cref="DirectExecutor"/>). The results are the same either way.
    /// </summary>
    public static async Task DirectAsync(WorldSetup setup, IRunSink sink, bool parallel = false)
    {
        var runner = new MonthRunner(setup, new DirectExecutor(setup, parallel));
        await runner.InitialiseAsync();
        for (var m = setup.Start; m <= setup.End; m += 1) sink.Write(await runner.AdvanceAsync(m));
    }

    /// <summary>
    /// <see cref="DirectAsync"/> on the caller's thread: the one-by-one executor completes
    /// synchronously, so waiting never blocks a thread pool thread (for callers already running
    /// many worlds in parallel, such as calibration and sensitivity designs).
    /// </summary>
    public static void Direct(WorldSetup setup, IRunSink sink) => DirectAsync(setup, sink).GetAwaiter().GetResult();

    public static async Task RunAsync(
        IGrainFactory grains, WorldSetup setup, IRunSink sink, IProgress<RunProgress>? progress = null,
        RunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= RunOptions.Embedded;
        // The run id only names grains; it never reaches the model.
        var runId = $"{setup.Scenario}-{Guid.NewGuid():N}";
        var coordinator = grains.GetGrain<IRunCoordinatorGrain>(runId);
        await Retry(options, () => coordinator.StartAsync(setup.AsImmutable(), options), cancellation);
        Task<Immutable<MonthResult>>? pending = null;
        var finished = false;
        try
        {
            var done = 0;
            // The next month is simulated while the sink writes this one (results are immutable,
            // and months are still written in order).
            pending = Retry(options, () => coordinator.AdvanceAsync(setup.Start.Index), cancellation);
            for (var month = setup.Start; month <= setup.End; month += 1)
            {
                cancellation.ThrowIfCancellationRequested();
                var result = await pending!;
                var next = month + 1;
                pending = month < setup.End ? Retry(options, () => coordinator.AdvanceAsync(next.Index), cancellation) : null;
                sink.Write(result.Value);
                progress?.Report(new RunProgress(++done, setup.Months, setup.Replicates));
            }
            finished = true;
        }
        finally
        {
            // A month still being simulated when writing failed or the run was cancelled is
            // finished (its error, if any, is not the one to report) before the run is closed.
            if (pending is not null)
            {
                try
                {
                    await pending;
                }
                catch (Exception)
                {
                }
            }
            if (finished) await Retry(options, coordinator.FinishAsync, CancellationToken.None);
            else
            {
                // Closing after a failure is best effort: the failure is what the user needs to see.
                try
                {
                    await coordinator.FinishAsync();
                }
                catch (Exception) when (options.FaultTolerant)
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
