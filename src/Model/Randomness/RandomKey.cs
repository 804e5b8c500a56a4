namespace Simulation.Model.Randomness;

/// <summary>
/// Derives the key of a random stream from everything that identifies a draw: the scenario seed,
/// the replicate, the entity, the month and the purpose. Nothing about scheduling enters it, so
/// results cannot depend on the order in which grains run or on which silo hosts them.
/// </summary>
public static class RandomKey
{
    public static ulong ForReplicate(long seed, int replicate) =>
        StableHash.Combine(StableHash.Mix(unchecked((ulong)seed)), replicate);

    public static ulong For(ulong replicateKey, ulong entityHash, int monthIndex, RandomStream stream) =>
        StableHash.Combine(StableHash.Combine(StableHash.Combine(replicateKey, entityHash), monthIndex), (long)stream);
}
