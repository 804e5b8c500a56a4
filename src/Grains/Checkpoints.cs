using System.Text.Json;
using Simulation.Grains;

namespace Simulation.Grains;

/// <summary>
/// How a run survives losing a silo. Every <see cref="CheckpointMonths"/> months each block's runner
/// has its entity grains save their actors at the end of the month, then saves the block's clock
/// (mail in transit), all in grain storage (Redis on a cluster). When a call fails because a silo
/// died, the block's runner puts its grains and clock back to its last checkpoint and steps the
/// months since again: the model is deterministic, so they come out as before. Blocks recover
/// independently; blocks on surviving silos carry on. Off (0) in the embedded
/// silo, where losing the silo is losing the process.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("simulation.run-options")]
public sealed record RunOptions
{
    public static readonly RunOptions Embedded = new();

    /// <summary>Months between checkpoints; 0 for none.</summary>
    [Id(0)] public int CheckpointMonths { get; init; }

    /// <summary>Leave the run's checkpoints in storage when it finishes (for inspection).</summary>
    [Id(1)] public bool KeepCheckpoints { get; init; }

    /// <summary>Attempts at a month before the run fails (each after a restore from the last checkpoint).</summary>
    [Id(2)] public int MaxAttempts { get; init; } = 8;

    /// <summary>The wait before the second attempt; it doubles for each further attempt, up to <see cref="MaxBackoff"/>.</summary>
    [Id(3)] public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    [Id(4)] public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Calls that time out are asked again this many times before the run fails. A client's call
    /// routed to a silo that then died gets no answer, only a timeout; asking again reaches the
    /// block's runner wherever it now is. A month that is merely slow answers the repeated call from
    /// its cache once done.
    /// </summary>
    [Id(5)] public int MaxTimeouts { get; init; } = 120;

    public bool FaultTolerant => CheckpointMonths > 0;

    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(20, Math.Max(0, attempt - 1))));
}

/// <summary>One saved end of month, as JSON (<see cref="SimulationSerialization.JsonOptions"/>).</summary>
[GenerateSerializer]
[Alias("simulation.saved-month")]
public sealed class SavedMonth
{
    [Id(0)] public int Month { get; set; }
    [Id(1)] public string Json { get; set; } = "";
}

/// <summary>
/// An entity grain's checkpoints: the last committed one and, while a checkpoint is being taken,
/// the new one (a checkpoint counts once the block's runner has saved it too).
/// </summary>
[GenerateSerializer]
[Alias("simulation.entity-checkpoints")]
public sealed class EntityCheckpoints
{
    [Id(0)] public List<SavedMonth> Months { get; set; } = [];
}

/// <summary>A block runner's checkpoints: the run's setup and options, its block, and the block's clock at each saved month.</summary>
[GenerateSerializer]
[Alias("simulation.run-checkpoints")]
public sealed class RunCheckpoints
{
    [Id(0)] public string Setup { get; set; } = "";
    [Id(1)] public RunOptions Options { get; set; } = RunOptions.Embedded;
    [Id(2)] public List<SavedMonth> Months { get; set; } = [];
    /// <summary>The block of replicates whose clock this is.</summary>
    [Id(3)] public int Shard { get; set; }
}

public static class Checkpoints
{
    /// <summary>The grain storage that holds checkpoints: Redis on a cluster, memory in the embedded silo.</summary>
    public const string Storage = "simulation-checkpoints";

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, SimulationSerialization.JsonOptions);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, SimulationSerialization.JsonOptions) ?? throw new InvalidOperationException("an empty checkpoint");

    /// <summary>Adds <paramref name="month"/> and drops saved months before <paramref name="keepFrom"/>.</summary>
    public static void Add(List<SavedMonth> months, int month, string json, int keepFrom)
    {
        months.RemoveAll(m => m.Month < keepFrom || m.Month == month);
        months.Add(new SavedMonth { Month = month, Json = json });
        months.Sort((a, b) => a.Month.CompareTo(b.Month));
    }
}

/// <summary>
/// An entity grain was asked to step but holds no state: it was reactivated (its silo died) and
/// has not been restored from a checkpoint yet.
/// </summary>
[GenerateSerializer]
[Alias("simulation.grain-state-lost")]
public sealed class GrainStateLostException : Exception
{
    public GrainStateLostException()
    {
    }

    public GrainStateLostException(string message)
        : base(message)
    {
    }

    public GrainStateLostException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Which failures a restore from the last checkpoint can get past.</summary>
public static class Failures
{
    /// <summary>
    /// True for a silo or connection lost, a call timed out, or a grain found without its state.
    /// An error in the model itself would recur on every attempt, so it is not retried.
    /// </summary>
    public static bool AreTransient(Exception e) => e switch
    {
        GrainStateLostException or SiloUnavailableException or OrleansMessageRejectionException
            or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException or ClientNotAvailableException
            or TimeoutException or Orleans.Networking.Shared.SocketConnectionException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(AreTransient),
        // Types of assemblies only a silo loads (membership, Redis), by name.
        _ when e.GetType().FullName is { } name && (name.StartsWith("StackExchange.Redis.", StringComparison.Ordinal)
            || name.StartsWith("Orleans.Persistence.Redis.", StringComparison.Ordinal)
            || name == "Orleans.Runtime.MembershipService.OrleansClusterConnectivityCheckFailedException") => true,
        _ => e.InnerException is { } inner && AreTransient(inner),
    };
}
