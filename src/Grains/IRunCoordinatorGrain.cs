using Orleans.Concurrency;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.World;

namespace Simulation.Grains;

/// <summary>
/// Owns a run's simulated clock. Advances the world one month per call, phase by phase, with a
/// barrier after each phase. Keyed by run id.
/// </summary>
[Alias("simulation.run-coordinator")]
public interface IRunCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the run's entity grains (and, when <paramref name="options"/> ask for checkpoints,
    /// saves the starting state). Calling it again for the same run does nothing.
    /// </summary>
    Task StartAsync(Immutable<WorldSetup> setup, RunOptions options);

    /// <summary>
    /// Simulates month <paramref name="monthIndex"/> (see <see cref="Model.Time.Month.Index"/>) and returns what
    /// it produced. Asking again for the month just completed returns the same result without
    /// stepping again, so a driver can retry safely.
    /// </summary>
    Task<Immutable<MonthResult>> AdvanceAsync(int monthIndex);

    /// <summary>Closes every entity grain of the run and forgets the run, with its checkpoints unless the options keep them.</summary>
    Task FinishAsync();
}
