using Orleans.Concurrency;
using Orleans.Placement;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Grains;

/// <summary>
/// The clock of one block of a run's replicates. The month-by-month logic is the pure
/// <see cref="MonthRunner"/>; this grain gives it a way to reach the block's entity grains and, when
/// the run's options ask for checkpoints, takes them and recovers from them for the block
/// (<see cref="RunOptions"/>). Each block checkpoints and recovers on its own: a lost silo sets back
/// only the blocks it held.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
// At random, not by the silos' load: a run's blocks start at once, before any silo's load statistics
// could show the others, so load-based placement could put them all on one silo.
[RandomPlacement]
public sealed class BlockRunnerGrain(
    IGrainFactory grains,
    [PersistentState("run", Checkpoints.Storage)] IPersistentState<RunCheckpoints> saved) : Grain, IBlockRunnerGrain
{
    private MonthRunner? _runner;
    private WorldSetup? _setup;
    private int _shard;
    private RunOptions _options = RunOptions.Embedded;
    private MonthResult? _lastResult;
    private readonly Dictionary<Address, IEntityGrain> _references = [];
    // Set when a failure may have cost a grain its state, or this grain was reactivated: the
    // next month starts by putting every grain back to the last checkpoint.
    private bool _restoreNeeded;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (saved.RecordExists && saved.State.Months.Count > 0)
        {
            // Reactivated after the silo that ran the clock died: the next month starts from the
            // last checkpoint, clock included.
            _setup = Checkpoints.Read<WorldSetup>(saved.State.Setup);
            _shard = saved.State.Shard;
            _options = saved.State.Options;
            _restoreNeeded = true;
        }
        return Task.CompletedTask;
    }

    public async Task StartAsync(Immutable<WorldSetup> setup, int shard, RunOptions options)
    {
        if (_setup is not null) return;
        _options = options;
        _shard = shard;
        var runner = new MonthRunner(setup.Value, Executor(setup.Value), shard);
        await runner.InitialiseAsync();
        _runner = runner;
        if (options.FaultTolerant)
        {
            saved.State = new RunCheckpoints { Setup = Checkpoints.Write(setup.Value), Shard = shard, Options = options };
            await CheckpointAsync(setup.Value.Start.Index - 1);
        }
        // Started only now: a call retried after a failure above starts again.
        _setup = setup.Value;
    }

    public async Task<Immutable<MonthResult>> AdvanceAsync(int monthIndex)
    {
        if (_setup is null) throw new InvalidOperationException("the block has not been started");
        var month = new Month(monthIndex);
        if (_lastResult is not null && _lastResult.Month == month) return _lastResult.AsImmutable();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (_restoreNeeded) await RestoreAsync(month);
                var runner = _runner!;
                // After a restore, the months since the checkpoint are stepped again; their
                // results are the ones already delivered, so they are not returned.
                for (var m = Next(runner); m < month; m += 1) await StepAsync(runner, m);
                var result = await StepAsync(runner, month);
                // Kept to answer a client that asks again (a cluster run's call may time out and be
                // retried); an embedded run's client never does, and the month would stay alive.
                if (_options.FaultTolerant) _lastResult = result;
                return result.AsImmutable();
            }
            catch (Exception e) when (_options.FaultTolerant && Failures.AreTransient(e))
            {
                _restoreNeeded = true;
                if (attempt >= _options.MaxAttempts)
                {
                    throw new InvalidOperationException(
                        $"{month} failed {attempt} times, the last with {e.GetType().Name}: {e.Message}. Is the cluster still up?", e);
                }
                await Task.Delay(_options.Backoff(attempt));
            }
        }
    }

    public async Task FinishAsync()
    {
        if (_setup is { } setup)
        {
            var closing = new List<Task>();
            foreach (var entity in setup.Entities()) closing.Add(Entity(entity).CloseAsync(_options.KeepCheckpoints));
            await Task.WhenAll(closing);
        }
        if (!_options.KeepCheckpoints && saved.RecordExists) await saved.ClearStateAsync();
        _runner = null;
        _setup = null;
        _lastResult = null;
        DeactivateOnIdle();
    }

    private static Month Next(MonthRunner runner) => runner.LastCompleted is { } last ? last + 1 : runner.Setup.Start;

    private async Task<MonthResult> StepAsync(MonthRunner runner, Month month)
    {
        var result = await runner.AdvanceAsync(month);
        var every = _options.CheckpointMonths;
        if (_options.FaultTolerant && (month.MonthsSince(runner.Setup.Start) + 1) % every == 0 && month < runner.Setup.End)
        {
            await CheckpointAsync(month.Index);
        }
        return result;
    }

    /// <summary>
    /// Saves the block's entities, then its clock. The checkpoint counts once the clock is saved; until
    /// then the previous one stays usable, so a failure while saving loses nothing.
    /// </summary>
    private async Task CheckpointAsync(int month)
    {
        var runner = _runner!;
        var previous = saved.State.Months.Count > 0 ? saved.State.Months[^1].Month : month;
        await Task.WhenAll(runner.Setup.Entities().Select(e => Entity(e).CheckpointAsync(month, previous)));
        Checkpoints.Add(saved.State.Months, month, Checkpoints.Write(runner.Save()), previous);
        await saved.WriteStateAsync();
    }

    /// <summary>
    /// Puts the block's entities and its clock back to the latest checkpoint before
    /// <paramref name="month"/>. Entities on silos that survived are reset too, so the whole block
    /// is at one consistent month.
    /// </summary>
    private async Task RestoreAsync(Month month)
    {
        var setup = _setup!;
        await saved.ReadStateAsync();
        var checkpoint = saved.State.Months.LastOrDefault(m => m.Month < month.Index)
            ?? throw new InvalidOperationException($"no checkpoint before {month} to recover from");
        var immutable = setup.AsImmutable();
        await Task.WhenAll(setup.Entities().Select(e => Entity(e).RestoreAsync(immutable, _shard, checkpoint.Month)));
        var runner = new MonthRunner(setup, Executor(setup), _shard);
        runner.Restore(Checkpoints.Read<RunnerSnapshot>(checkpoint.Json));
        _runner = runner;
        _lastResult = null;
        _restoreNeeded = false;
    }

    /// <summary>
    /// The grain of one of the block's entities, its reference made once: making one formats and parses
    /// the interface's type name (about a third of the allocation through Orleans when made for every call).
    /// </summary>
    private IEntityGrain Entity(Address entity)
    {
        if (!_references.TryGetValue(entity, out var grain))
        {
            var key = this.GetPrimaryKeyString();
            _references[entity] = grain = EntityGrains.Get(grains, key[..key.LastIndexOf('/')], _shard, entity);
        }
        return grain;
    }

    private GrainExecutor Executor(WorldSetup setup) => new(Entity, setup.AsImmutable(), _options.FaultTolerant);

    private sealed class GrainExecutor(Func<Address, IEntityGrain> grain, Immutable<WorldSetup> setup, bool repeatable) : IPhaseExecutor
    {
        public Task InitialiseAsync(Address entity, int shard) => grain(entity).InitialiseAsync(setup, shard, repeatable);

        public async ValueTask<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input) =>
            (await grain(entity).StepAsync(input.AsImmutable())).Value;
    }
}
