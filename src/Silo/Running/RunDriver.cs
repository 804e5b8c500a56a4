using Orleans.Concurrency;
using Simulation.Grains.Contracts;
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
/// </summary>
public static class RunDriver
{
    public static async Task RunAsync(
        IGrainFactory grains, WorldSetup setup, IRunSink sink, IProgress<RunProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        // The run id only names grains; it never reaches the model.
        var runId = $"{setup.Scenario}-{Guid.NewGuid():N}";
        var coordinator = grains.GetGrain<IRunCoordinatorGrain>(runId);
        await coordinator.StartAsync(setup.AsImmutable());
        Task<Immutable<MonthResult>>? pending = null;
        try
        {
            var done = 0;
            // The next month is simulated while the sink writes this one (results are immutable,
            // and months are still written in order).
            pending = coordinator.AdvanceAsync(setup.Start.Index);
            for (var month = setup.Start; month <= setup.End; month += 1)
            {
                cancellation.ThrowIfCancellationRequested();
                var result = await pending!;
                pending = month < setup.End ? coordinator.AdvanceAsync((month + 1).Index) : null;
                sink.Write(result.Value);
                progress?.Report(new RunProgress(++done, setup.Months, setup.Replicates));
            }
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
            await coordinator.FinishAsync();
        }
    }
}
