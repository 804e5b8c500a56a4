using System.Collections.Immutable;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>
/// A whole world stepped without Orleans: one <see cref="MonthRunner"/> per block of replicates over
/// plain objects (<see cref="DirectExecutor"/>). Stepped month by month on the caller's thread
/// (<see cref="Advance"/>), or with every block on its own thread (<see cref="RunAsync"/> with
/// <c>parallel</c>); the results are the same either way.
/// </summary>
public sealed class DirectWorld
{
    private readonly WorldSetup _setup;

    public DirectWorld(WorldSetup setup)
    {
        _setup = setup;
        Executor = new DirectExecutor(setup);
        Blocks = [.. Enumerable.Range(0, setup.Shards).Select(s => new MonthRunner(setup, Executor, s))];
    }

    public DirectExecutor Executor { get; }

    /// <summary>Each block's runner, in block order.</summary>
    public ImmutableArray<MonthRunner> Blocks { get; }

    /// <summary>Creates every block's actors (the direct executor completes at once).</summary>
    public DirectWorld Initialise()
    {
        foreach (var b in Blocks) b.InitialiseAsync().GetAwaiter().GetResult();
        return this;
    }

    /// <summary>Steps every block through <paramref name="month"/>, one after another, and merges them.</summary>
    public MonthResult Advance(Month month) =>
        MonthResult.Merge([.. Blocks.Select(b => b.AdvanceAsync(month).GetAwaiter().GetResult())]);

    /// <summary>
    /// Runs from the first month to the last into <paramref name="write"/>: on the caller's thread,
    /// or with <paramref name="parallel"/> every block on its own thread (<see cref="BlockPipeline"/>).
    /// </summary>
    public async Task RunAsync(Action<MonthResult> write, bool parallel, CancellationToken cancellation = default)
    {
        if (parallel && Blocks.Length > 1)
        {
            await BlockPipeline.RunAsync(_setup, (b, m) => Blocks[b].AdvanceAsync(m), write, cancellation).ConfigureAwait(false);
            return;
        }
        for (var m = _setup.Start; m <= _setup.End; m += 1)
        {
            cancellation.ThrowIfCancellationRequested();
            write(Advance(m));
        }
    }
}
