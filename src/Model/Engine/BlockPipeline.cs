using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>
/// Runs the blocks of replicates of a world side by side. Replicates never interact, so each block
/// advances month by month on its own (its own barriers, its own mail), as fast as its work allows,
/// up to <see cref="Ahead"/> months ahead of the writer; the pipeline only takes each finished month
/// from every block, in block order, and hands the merged month to the writer in month order. No
/// barrier spans blocks, so a slow block holds back only the writing, never the other blocks'
/// stepping. Results do not depend on how the blocks are scheduled: each block's months are its
/// own, and merging is by block order (<see cref="MonthResult.Merge"/>).
/// </summary>
public static class BlockPipeline
{
    /// <summary>How many finished months a block may hold for the writer: enough to ride out uneven months, little memory.</summary>
    public const int Ahead = 2;

    /// <summary>How long a failed or cancelled run waits for its blocks to stop before it reports.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Advances every block from the setup's first month to its last. <paramref name="advance"/>
    /// steps one block one month (block, month) and is called for a block's months in order, never
    /// two at once for one block; each block's calls run on the thread pool. <paramref name="write"/>
    /// gets the merged months in order on one thread at a time. A failure in any block stops the
    /// others and is rethrown as it was.
    /// </summary>
    public static async Task RunAsync(
        WorldSetup setup, Func<int, Month, Task<MonthResult>> advance, Action<MonthResult> write, CancellationToken cancellation = default)
    {
        var blocks = setup.Shards;
        if (blocks < 1) throw new ArgumentException($"a run of {setup.Replicates} replicates has no blocks to step", nameof(setup));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var channels = new Channel<MonthResult>[blocks];
        var producers = new Task[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var channel = channels[b] = Channel.CreateBounded<MonthResult>(
                new BoundedChannelOptions(Ahead) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
            var block = b;
            producers[b] = Task.Run(async () =>
            {
                try
                {
                    for (var m = setup.Start; m <= setup.End; m += 1)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        var month = await advance(block, m).ConfigureAwait(false);
                        await channel.Writer.WriteAsync(month, stop.Token).ConfigureAwait(false);
                    }
                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                    // The others stop at their next month rather than run on to no purpose.
                    await stop.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            }, CancellationToken.None);
        }

        try
        {
            var parts = new MonthResult[blocks];
            for (var m = setup.Start; m <= setup.End; m += 1)
            {
                for (var b = 0; b < blocks; b++) parts[b] = await channels[b].Reader.ReadAsync(stop.Token).ConfigureAwait(false);
                write(MonthResult.Merge(parts));
            }
        }
        catch (Exception e)
        {
            // Stop every block and wait for them. If a block failed, its error is the one to report
            // (the writer only saw its channel close); if the run was cancelled, that; otherwise the
            // writer's own error.
            await stop.CancelAsync().ConfigureAwait(false);
            // Blocks stop at their next month; one waiting on a lost cluster may never answer, so
            // they get a few seconds, then are left behind.
            await Task.WhenAny(WhenAllSettled(producers), Task.Delay(StopGrace, CancellationToken.None)).ConfigureAwait(false);
            if (e is ChannelClosedException or OperationCanceledException)
            {
                var failed = producers.FirstOrDefault(p => p.IsFaulted && p.Exception!.InnerException is not OperationCanceledException);
                if (failed is not null) ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
                cancellation.ThrowIfCancellationRequested();
            }
            throw;
        }
        await Task.WhenAll(producers).ConfigureAwait(false);
    }

    private static async Task WhenAllSettled(Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each task's own outcome is read by the caller.
        }
    }
}
