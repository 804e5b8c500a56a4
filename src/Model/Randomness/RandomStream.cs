namespace Simulation.Model.Randomness;

/// <summary>
/// Separate random streams per purpose, so that adding draws to one mechanism does not shift the
/// numbers another mechanism sees. Values are part of the key: never renumber, only append.
/// </summary>
public enum RandomStream
{
    Initial = 1,
    Demand = 2,
    Workforce = 3,
    Practice = 4,
    Leadership = 5,
    Inspection = 6,
    Cadence = 7,
    Department = 8,
    Council = 9,
}
