using Orleans.Concurrency;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.World;

namespace Simulation.Grains;

/// <summary>
/// Owns the simulated clock of one block of a run's replicates: advances that block one month per
/// call, phase by phase, with a barrier after each phase, routing the block's mail itself. Blocks
/// never wait for each other (replicates never interact). Keyed by <see cref="BlockRunners.Key"/>.
/// </summary>
[Alias("simulation.block-runner")]
public interface IBlockRunnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the block's entity grains (and, when <paramref name="options"/> ask for checkpoints,
    /// saves the starting state). Calling it again for the same block does nothing.
    /// </summary>
    Task StartAsync(Immutable<WorldSetup> setup, int shard, RunOptions options);

    /// <summary>
    /// Simulates month <paramref name="monthIndex"/> (see <see cref="Model.Time.Month.Index"/>) for the
    /// block and returns what it produced. Asking again for the month just completed returns the same
    /// result without stepping again, so a driver can retry safely.
    /// </summary>
    Task<Immutable<MonthResult>> AdvanceAsync(int monthIndex);

    /// <summary>Closes the block's entity grains and forgets the block, with its checkpoints unless the options keep them.</summary>
    Task FinishAsync();
}

public static class BlockRunners
{
    /// <summary>A block runner's key: the run's id and the block. Its entity grains' keys start with the same.</summary>
    public static string Key(string runId, int shard) => $"{runId}/{shard}";

    public static IBlockRunnerGrain Get(IGrainFactory factory, string runId, int shard) => factory.GetGrain<IBlockRunnerGrain>(Key(runId, shard));
}
