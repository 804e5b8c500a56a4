namespace Simulation.Model.Randomness;

/// <summary>
/// Separate random streams per purpose, so that adding draws to one mechanism does not shift the
/// numbers another mechanism sees. Values are part of the key: never renumber, only append (1, 8
/// and 9 were streams no mechanism drew from; they are not to be reused).
/// </summary>
public enum RandomStream
{
    Demand = 2,
    Workforce = 3,
    Practice = 4,
    Leadership = 5,
    Inspection = 6,
    Cadence = 7,
    InitialState = 10,

    /// <summary>Which particle of a calibration posterior a replicate runs (WorldSetup.ParametersFor); drawn once per replicate, before month 0.</summary>
    Posterior = 11,

    /// <summary>Local surges in demand (<c>demand.surge_rate</c>); drawn from only when surges are on.</summary>
    Surge = 12,
}
