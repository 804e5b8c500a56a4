using Orleans.Concurrency;
using Simulation.Model.Engine;
using Simulation.Model.World;

namespace Simulation.Grains;

/// <summary>
/// An entity of the world (council, trust, inspector, department, partner) for one block of
/// replicates. Keyed "{run}/{shard}/{entity}". Arguments are wrapped in <see cref="Immutable{T}"/>
/// because they are never changed after sending, so Orleans need not copy them within a silo.
/// </summary>
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the block's actors. With <paramref name="repeatable"/> (runs that take checkpoints,
    /// where a call may be repeated) the grain keeps each step's output until the next, to answer a
    /// repeated step; otherwise it keeps nothing, as a month's outputs for every grain would stay
    /// alive a month longer.
    /// </summary>
    Task InitialiseAsync(Immutable<WorldSetup> setup, int shard, bool repeatable);

    /// <summary>
    /// Acts in one phase of one month on the mail delivered to it. In a repeatable grain, a repeated
    /// step (the same month and phase as the last, e.g. a call retried after its reply was lost) is
    /// not applied again: it returns the same output.
    /// </summary>
    Task<Immutable<PhaseOutput>> StepAsync(Immutable<PhaseInput> input);

    /// <summary>
    /// Saves the actors as they are at the end of <paramref name="month"/> to grain storage, and
    /// forgets saved months before <paramref name="keepFrom"/>.
    /// </summary>
    Task CheckpointAsync(int month, int keepFrom);

    /// <summary>Rebuilds the actors from the setup and the checkpoint saved at the end of <paramref name="month"/>; the grain is then repeatable.</summary>
    Task RestoreAsync(Immutable<WorldSetup> setup, int shard, int month);

    /// <summary>Drops the run's state (and its checkpoints unless <paramref name="keepCheckpoints"/>); the grain deactivates.</summary>
    Task CloseAsync(bool keepCheckpoints);
}

/// <summary>The local authority: funds, commissions and scrutinises the service; runs it when in-house.</summary>
[Alias("simulation.council")]
public interface ICouncilGrain : IEntityGrain;

/// <summary>Runs the service when it is outsourced; reports to the council under a contract.</summary>
[Alias("simulation.trust")]
public interface ITrustGrain : IEntityGrain;

/// <summary>Ofsted: schedules inspections, judges the provider, publishes the judgement.</summary>
[Alias("simulation.inspector")]
public interface IInspectorGrain : IEntityGrain;

/// <summary>The Department for Education: notices, directions, commissioners, trust orders.</summary>
[Alias("simulation.department")]
public interface IDepartmentGrain : IEntityGrain;

/// <summary>Adds capacity and leadership support to a council for a contracted period, at a cost.</summary>
[Alias("simulation.partner")]
public interface IImprovementPartnerGrain : IEntityGrain;

/// <summary>A regional labour market: moves social workers between the councils of a region.</summary>
[Alias("simulation.region")]
public interface IRegionGrain : IEntityGrain;

public static class EntityGrains
{
    public static string Key(string runId, int shard, Address entity) => $"{runId}/{shard}/{entity.Id}";

    public static IEntityGrain Get(IGrainFactory factory, string runId, int shard, Address entity)
    {
        var key = Key(runId, shard, entity);
        return entity.Kind switch
        {
            EntityKind.Council => factory.GetGrain<ICouncilGrain>(key),
            EntityKind.Trust => factory.GetGrain<ITrustGrain>(key),
            EntityKind.Inspector => factory.GetGrain<IInspectorGrain>(key),
            EntityKind.Department => factory.GetGrain<IDepartmentGrain>(key),
            EntityKind.Partner => factory.GetGrain<IImprovementPartnerGrain>(key),
            EntityKind.Region => factory.GetGrain<IRegionGrain>(key),
            _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "no grain for this kind"),
        };
    }
}
