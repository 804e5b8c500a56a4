using Orleans.Concurrency;
using Simulation.Grains.Contracts;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Grains.Grains;

/// <summary>
/// The run's clock. The month-by-month logic is the pure <see cref="MonthRunner"/>; this grain
/// only gives it a way to reach the entity grains.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class RunCoordinatorGrain(IGrainFactory grains) : Grain, IRunCoordinatorGrain
{
    private MonthRunner? _runner;
    private MonthResult? _lastResult;

    public async Task StartAsync(Immutable<WorldSetup> setup)
    {
        if (_runner is not null) return;
        var runner = new MonthRunner(setup.Value, new GrainExecutor(grains, this.GetPrimaryKeyString(), setup));
        await runner.InitialiseAsync();
        _runner = runner;
    }

    public async Task<Immutable<MonthResult>> AdvanceAsync(int monthIndex)
    {
        var runner = _runner ?? throw new InvalidOperationException("the run has not been started");
        var month = new Month(monthIndex);
        if (_lastResult is not null && _lastResult.Month == month) return _lastResult.AsImmutable();
        _lastResult = await runner.AdvanceAsync(month);
        return _lastResult.AsImmutable();
    }

    public async Task FinishAsync()
    {
        if (_runner is { } runner)
        {
            var runId = this.GetPrimaryKeyString();
            var closing = new List<Task>();
            foreach (var entity in runner.Setup.Entities())
            {
                for (var shard = 0; shard < runner.Setup.Shards; shard++)
                {
                    closing.Add(EntityGrains.Get(grains, runId, shard, entity).CloseAsync());
                }
            }
            await Task.WhenAll(closing);
        }
        _runner = null;
        _lastResult = null;
        DeactivateOnIdle();
    }

    private sealed class GrainExecutor(IGrainFactory grains, string runId, Immutable<WorldSetup> setup) : IPhaseExecutor
    {
        public Task InitialiseAsync(Address entity, int shard) =>
            EntityGrains.Get(grains, runId, shard, entity).InitialiseAsync(setup, shard);

        public async Task<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input) =>
            (await EntityGrains.Get(grains, runId, shard, entity).StepAsync(input.AsImmutable())).Value;
    }
}
