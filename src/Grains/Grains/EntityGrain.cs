using Orleans.Concurrency;
using Simulation.Grains.Contracts;
using Simulation.Model.World;

namespace Simulation.Grains.Grains;

/// <summary>
/// The shell every entity grain shares (each kept active for the whole run: a grain idle for long,
/// such as a trust that never runs its service, must not be collected and lose its actors; the run
/// releases them with <see cref="CloseAsync"/>): it holds the pure model's actors for its block of
/// replicates and steps them when the coordinator delivers a phase. No grain reads the wall clock;
/// the month comes in the input.
/// </summary>
public abstract class EntityGrain(EntityKind kind) : Grain, IEntityGrain
{
    private EntityHost? _host;

    public Task InitialiseAsync(Immutable<WorldSetup> setup, int shard)
    {
        if (_host is not null) return Task.CompletedTask;
        var id = this.GetPrimaryKeyString();
        var entityId = id[(id.LastIndexOf('/') + 1)..];
        _host = new EntityHost(new Address(kind, entityId), setup.Value, shard);
        return Task.CompletedTask;
    }

    public Task<Immutable<PhaseOutput>> StepAsync(Immutable<PhaseInput> input)
    {
        var host = _host ?? throw new InvalidOperationException($"{this.GetPrimaryKeyString()} was stepped before it was initialised");
        return Task.FromResult(host.Step(input.Value).AsImmutable());
    }

    public Task CloseAsync()
    {
        _host = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class CouncilGrain() : EntityGrain(EntityKind.Council), ICouncilGrain;

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class TrustGrain() : EntityGrain(EntityKind.Trust), ITrustGrain;

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class InspectorGrain() : EntityGrain(EntityKind.Inspector), IInspectorGrain;

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class DepartmentGrain() : EntityGrain(EntityKind.Department), IDepartmentGrain;

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ImprovementPartnerGrain() : EntityGrain(EntityKind.Partner), IImprovementPartnerGrain;

[CollectionAgeLimit(AlwaysActive = true)]
public sealed class RegionGrain() : EntityGrain(EntityKind.Region), IRegionGrain;
