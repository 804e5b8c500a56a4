using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Simulation.Grains;
using Simulation.Silo.Hosting;
using Simulation.Silo.Running;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>--cluster</c>, <c>--cluster-id</c> and <c>--checkpoint-months</c>, defined once for every
/// command that can send its work to a cluster of silos (<c>run</c>, and the designs
/// <c>sensitivity</c> and <c>calibrate-national</c>), with how they are read and how a cluster that
/// is unreachable or lost is reported: one line naming <c>--cluster</c>, exit code 1.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// Months between checkpoints of a design's evaluations by default: the most there can be, so in
    /// practice only the checkpoint every run takes at its start. An evaluation takes seconds, so one
    /// that loses a silo can start again at little cost, and a design of thousands of evaluations
    /// writes one checkpoint of each to Redis instead of one a simulated year (twelve for an England
    /// evaluation to 2019). On two silos on one busy 2-core machine, four England evaluations of
    /// calibrate-national took 14.9 to 41.7 s with a checkpoint a year and 16.3 to 22.0 s with this
    /// (four tries each): within the noise there.
    /// </summary>
    public const int DesignCheckpointMonths = RunCommand.MaxCheckpointMonths;

    /// <param name="instead">What the command does on a cluster, completing "Run ... on a cluster of silos", e.g. "the design's evaluations".</param>
    /// <param name="otherwise">Where it runs without one, e.g. "an embedded silo".</param>
    /// <param name="checkpointMonths">The default of --checkpoint-months.</param>
    public ClusterOptions(string instead, string otherwise, int checkpointMonths = RunCommand.DefaultCheckpointMonths)
    {
        Address = new Option<string?>("--cluster")
        {
            Description = $"Run {instead} on a cluster of silos (started with 'simulation silo --cluster ...') whose membership is in Redis at this address, "
                + $"e.g. {ClusterAddress.Example}, instead of {otherwise}. The results are the same, byte for byte.",
        };
        Id = new Option<string>("--cluster-id")
        {
            Description = "The cluster's id, as given to its silos.",
            DefaultValueFactory = _ => SiloCommand.DefaultClusterId,
        };
        CheckpointMonths = new Option<int>("--checkpoint-months")
        {
            Description = "With --cluster: months between checkpoints of each run in Redis. A run that loses a silo goes back to the "
                + "last checkpoint (or its start) and carries on; smaller is less to redo, larger is less to write."
                + (checkpointMonths == DesignCheckpointMonths
                    ? $" By default {checkpointMonths}: only the checkpoint at each evaluation's start, so an evaluation that loses a silo starts again."
                    : ""),
            DefaultValueFactory = _ => checkpointMonths,
        };
    }

    public Option<string?> Address { get; }
    public Option<string> Id { get; }
    public Option<int> CheckpointMonths { get; }

    public IEnumerable<Option> All => [Address, Id, CheckpointMonths];

    /// <summary>Whether --cluster was given.</summary>
    public bool Given(ParseResult parse) => parse.GetValue(Address) is not null;

    /// <summary>Whether --checkpoint-months was given on the command line.</summary>
    public bool CheckpointsGiven(ParseResult parse) => parse.GetResult(CheckpointMonths) is { Implicit: false };

    /// <summary>
    /// Reads the options: the cluster to run on, or null without --cluster. On a bad value, prints
    /// one line naming the option and gives false: the caller exits with <see cref="ExitCodes.BadInput"/>.
    /// </summary>
    public bool TryRead(ParseResult parse, out RunCommand.ClusterRun? target)
    {
        target = null;
        if (parse.GetValue(Address) is not { } text)
        {
            if (!CheckpointsGiven(parse)) return true;
            return Fail("--checkpoint-months applies only with --cluster");
        }
        if (!ClusterAddress.TryParse(text, out var address, out var error)) return Fail($"--cluster: {error}");
        var every = parse.GetValue(CheckpointMonths);
        if (every is < 1 or > RunCommand.MaxCheckpointMonths)
            return Fail(string.Create(CultureInfo.InvariantCulture, $"--checkpoint-months: {every} is out of range; expected 1 to {RunCommand.MaxCheckpointMonths}"));
        var id = parse.GetValue(Id) ?? SiloCommand.DefaultClusterId;
        if (!SiloCommand.IsClusterId(id)) return Fail($"--cluster-id: '{id}' is not an id; expected letters, digits, '-' or '_'");
        target = new RunCommand.ClusterRun(address!, id, new RunOptions { CheckpointMonths = every });
        return true;
    }

    /// <summary><c>--parallel N</c>: how many evaluations of a design run at once.</summary>
    public static Option<int?> Parallel() => new("--parallel")
    {
        Description = $"Evaluations run at once: by default as many as this machine has cores ({Environment.ProcessorCount}), or with --cluster "
            + $"{Evaluator.DefaultClusterParallelism / Environment.ProcessorCount} per core of this machine ({Evaluator.DefaultClusterParallelism}). "
            + "The results do not depend on it.",
    };

    /// <summary>Reads --parallel: its value (null for the default), or false after printing one line.</summary>
    public static bool TryReadParallel(ParseResult parse, Option<int?> option, out int? parallel)
    {
        parallel = parse.GetValue(option);
        if (parallel is null or (>= 1 and <= Evaluator.MaxParallelism)) return true;
        return Fail(string.Create(CultureInfo.InvariantCulture, $"--parallel: {parallel} is out of range; expected 1 to {Evaluator.MaxParallelism}"));
    }

    /// <summary>
    /// With a cluster, checks that its Redis answers; if not, prints one line naming --cluster and
    /// gives false: the caller exits with <see cref="ExitCodes.RunFailed"/> before writing anything.
    /// </summary>
    public static async Task<bool> ReachableAsync(RunCommand.ClusterRun? cluster)
    {
        if (cluster is null || await cluster.Address.ProblemAsync() is not { } problem) return true;
        Console.Error.WriteLine($"--cluster: {problem}");
        return false;
    }

    /// <summary>Whether <paramref name="e"/> is the cluster's failure (no silo answers, the connection is lost), not the model's.</summary>
    public static bool Lost(RunCommand.ClusterRun? cluster, Exception e) =>
        cluster is not null && (e is ClusterUnavailableException || Failures.AreTransient(e)
            || e is OrleansException or Orleans.Runtime.MembershipService.OrleansClusterConnectivityCheckFailedException);

    /// <summary>Reports a lost cluster in one line naming --cluster; gives <see cref="ExitCodes.RunFailed"/>.</summary>
    public static int ReportLost(RunCommand.ClusterRun cluster, Exception e)
    {
        Console.Error.WriteLine($"--cluster {cluster.Address}: {e.Message.ReplaceLineEndings(" ").TrimEnd('.')}; no results written");
        return ExitCodes.RunFailed;
    }

    private static bool Fail(string message)
    {
        Console.Error.WriteLine(message);
        return false;
    }
}

/// <summary>
/// Where a design's evaluations run: this machine (<see cref="Evaluator.Local"/>), or a cluster
/// through a client connected here (<see cref="Evaluator.OnCluster"/>), which disposing stops.
/// </summary>
public sealed class DesignEvaluator : IAsyncDisposable
{
    private readonly IHost? _client;

    private DesignEvaluator(IHost? client, Evaluator evaluator)
    {
        _client = client;
        Evaluator = evaluator;
    }

    public Evaluator Evaluator { get; }

    /// <summary>Connects to <paramref name="cluster"/> if one is given; a failure to connect is thrown (see <see cref="ClusterOptions.Lost"/>).</summary>
    public static async Task<DesignEvaluator> OpenAsync(RunCommand.ClusterRun? cluster, int? parallel, CancellationToken cancellation)
    {
        if (cluster is null) return new DesignEvaluator(null, Evaluator.Local(parallel));
        var client = await SimulationSilo.StartClientAsync(cluster.Address, cluster.ClusterId, verbose: false, cancellation);
        var grains = client.Services.GetRequiredService<IGrainFactory>();
        return new DesignEvaluator(client, Evaluator.OnCluster(grains, cluster.Options, cluster.Describe(), parallel));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is null) return;
        try
        {
            await _client.StopAsync(CancellationToken.None);
        }
        catch (Exception e) when (Failures.AreTransient(e) || e is OrleansException)
        {
            // Leaving a cluster that is gone: the failure that matters has been reported.
        }
        _client.Dispose();
    }
}
