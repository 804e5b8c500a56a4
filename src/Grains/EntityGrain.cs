using Orleans.Concurrency;
using Orleans.Placement;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Grains;

/// <summary>
/// The shell every entity grain shares (each kept active for the whole run: a grain idle for long,
/// such as a trust that never runs its service, must not be collected and lose its actors; the run
/// releases them with <see cref="CloseAsync"/>): it holds the pure model's actors for its block of
/// replicates and steps them when its block's runner delivers a phase. Entity grains are placed on
/// the silo of the block runner that first calls them (prefer-local placement), so a block's
/// phases are calls within one silo. No grain reads the wall clock; the month comes in the input.
/// Checkpoints go to grain storage when the block's runner asks.
/// </summary>
public abstract class EntityGrain(EntityKind kind, IPersistentState<EntityCheckpoints> checkpoints) : Grain, IEntityGrain
{
    private EntityHost? _host;
    // The last step applied and its output, so a repeated call is answered, not applied twice; kept
    // only when the run may repeat calls.
    private (Month Month, Phase Phase, Immutable<PhaseOutput> Output)? _last;
    private bool _repeatable;

    private Address Entity
    {
        get
        {
            var id = this.GetPrimaryKeyString();
            return new Address(kind, id[(id.LastIndexOf('/') + 1)..]);
        }
    }

    public Task InitialiseAsync(Immutable<WorldSetup> setup, int shard, bool repeatable)
    {
        if (_host is not null) return Task.CompletedTask;
        _host = new EntityHost(Entity, setup.Value, shard);
        _repeatable = repeatable;
        _last = null;
        return Task.CompletedTask;
    }

    public Task<Immutable<PhaseOutput>> StepAsync(Immutable<PhaseInput> input)
    {
        var host = _host ?? throw new GrainStateLostException(
            $"{this.GetPrimaryKeyString()} holds no state for {input.Value.Month} {input.Value.Phase}: it was reactivated and not restored");
        if (_last is { } last && last.Month == input.Value.Month && last.Phase == input.Value.Phase) return Task.FromResult(last.Output);
        var output = host.Step(input.Value).AsImmutable();
        if (_repeatable) _last = (input.Value.Month, input.Value.Phase, output);
        return Task.FromResult(output);
    }

    public async Task CheckpointAsync(int month, int keepFrom)
    {
        var host = _host ?? throw new GrainStateLostException($"{this.GetPrimaryKeyString()} holds no state to save for month {new Month(month)}");
        Checkpoints.Add(checkpoints.State.Months, month, Checkpoints.Write(host.Save(new Month(month))), keepFrom);
        await checkpoints.WriteStateAsync();
    }

    public async Task RestoreAsync(Immutable<WorldSetup> setup, int shard, int month)
    {
        // Read again: another activation of this grain (on a silo since lost) may have written it.
        await checkpoints.ReadStateAsync();
        var saved = checkpoints.State.Months.FirstOrDefault(m => m.Month == month)
            ?? throw new InvalidOperationException($"{this.GetPrimaryKeyString()} has no checkpoint for {new Month(month)}");
        var host = new EntityHost(Entity, setup.Value, shard);
        host.Restore(Checkpoints.Read<EntityHostSnapshot>(saved.Json));
        _host = host;
        _repeatable = true;
        _last = null;
    }

    public async Task CloseAsync(bool keepCheckpoints)
    {
        _host = null;
        _last = null;
        if (!keepCheckpoints && checkpoints.RecordExists) await checkpoints.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[CollectionAgeLimit(AlwaysActive = true)]
[PreferLocalPlacement]
public sealed class CouncilGrain([PersistentState("checkpoints", Checkpoints.Storage)] IPersistentState<EntityCheckpoints> checkpoints)
    : EntityGrain(EntityKind.Council, checkpoints), ICouncilGrain;

[CollectionAgeLimit(AlwaysActive = true)]
[PreferLocalPlacement]
public sealed class TrustGrain([PersistentState("checkpoints", Checkpoints.Storage)] IPersistentState<EntityCheckpoints> checkpoints)
    : EntityGrain(EntityKind.Trust, checkpoints), ITrustGrain;

[CollectionAgeLimit(AlwaysActive = true)]
[PreferLocalPlacement]
public sealed class InspectorGrain([PersistentState("checkpoints", Checkpoints.Storage)] IPersistentState<EntityCheckpoints> checkpoints)
    : EntityGrain(EntityKind.Inspector, checkpoints), IInspectorGrain;

[CollectionAgeLimit(AlwaysActive = true)]
[PreferLocalPlacement]
public sealed class DepartmentGrain([PersistentState("checkpoints", Checkpoints.Storage)] IPersistentState<EntityCheckpoints> checkpoints)
    : EntityGrain(EntityKind.Department, checkpoints), IDepartmentGrain;

[CollectionAgeLimit(AlwaysActive = true)]
[PreferLocalPlacement]
public sealed class ImprovementPartnerGrain([PersistentState("checkpoints", Checkpoints.Storage)] IPersistentState<EntityCheckpoints> checkpoints)
    : EntityGrain(EntityKind.Partner, checkpoints), IImprovementPartnerGrain;

[CollectionAgeLimit(AlwaysActive = true)]
[PreferLocalPlacement]
public sealed class RegionGrain([PersistentState("checkpoints", Checkpoints.Storage)] IPersistentState<EntityCheckpoints> checkpoints)
    : EntityGrain(EntityKind.Region, checkpoints), IRegionGrain;
