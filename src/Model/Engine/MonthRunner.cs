using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>Runs one entity's block of replicates for a phase: on a grain, or directly.</summary>
public interface IPhaseExecutor
{
    Task InitialiseAsync(Address entity, int shard);

    /// <summary>Steps one entity's block through a phase; a value task, so a step that completes at once (the direct executor) allocates no task.</summary>
    ValueTask<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input);
}

/// <summary>
/// The simulated clock of one block of replicates: advances every entity's block for those
/// replicates one month at a time, phase by phase, with a barrier after each phase, routing the
/// block's mail through its own post office. Replicates never interact, so blocks need no common
/// barrier: each advances on its own and <see cref="MonthResult.Merge"/> joins their months in
/// block order (<see cref="BlockPipeline"/>). The same runner drives grains (in a block's runner
/// grain) and plain objects (the direct runner), so both produce the same results by construction.
/// </summary>
public sealed class MonthRunner
{
    private readonly WorldSetup _setup;
    private readonly IPhaseExecutor _executor;
    private readonly int _shard;
    private readonly PostOffice _post;
    private readonly Dictionary<Address, PhaseSet> _wakes = [];
    private readonly ImmutableArray<Address> _entities;
    private readonly ImmutableArray<string> _areas;
    private Month? _last;
    // A phase's working lists, reused phase after phase (a runner advances one phase at a time):
    // its targets in order, and the calls to them.
    private readonly List<Address> _keys = [];
    private readonly List<(Address Entity, ImmutableArray<Parcel> Mail)> _targets = [];
    private ValueTask<PhaseOutput>[] _calls;

    public MonthRunner(WorldSetup setup, IPhaseExecutor executor, int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, setup.Shards);
        _setup = setup;
        _executor = executor;
        _shard = shard;
        _post = new PostOffice(setup.ShardSize);
        _entities = [.. setup.Entities()];
        _calls = new ValueTask<PhaseOutput>[_entities.Length];
        _areas = [.. setup.Councils.Select(c => c.Id)];
    }

    public WorldSetup Setup => _setup;

    /// <summary>The block of replicates this runner advances (<see cref="WorldSetup.ShardRange"/>).</summary>
    public int Shard => _shard;

    /// <summary>The last month completed, or null before the first.</summary>
    public Month? LastCompleted => _last;

    public async Task InitialiseAsync()
    {
        var calls = new List<Task>();
        foreach (var entity in _entities)
        {
            _wakes[entity] = Schedule.ActsIn(entity.Kind);
            calls.Add(_executor.InitialiseAsync(entity, _shard));
        }
        await Task.WhenAll(calls);
    }

    /// <summary>The block's clock at the end of the last month completed: what a restart from there needs.</summary>
    public RunnerSnapshot Save() =>
        new(_last, _post.Save(), [.. _wakes.OrderBy(w => w.Key).Select(w => new WakeEntry(w.Key, _shard, w.Value))]);

    /// <summary>
    /// Sets the clock to a saved end of month, in place of <see cref="InitialiseAsync"/>. The
    /// entities must be restored to the same month.
    /// </summary>
    public void Restore(RunnerSnapshot snapshot)
    {
        if (snapshot.Wakes.Length != _entities.Length || snapshot.Wakes.Any(w => !_entities.Contains(w.Entity) || w.Shard != _shard))
            throw new ArgumentException($"the snapshot is of another run or block: it does not hold block {_shard}'s {_entities.Length} entities", nameof(snapshot));
        _post.Restore(snapshot.Mail);
        _wakes.Clear();
        foreach (var w in snapshot.Wakes) _wakes[w.Entity] = w.Wakes;
        _last = snapshot.Last;
    }

    public async Task<MonthResult> AdvanceAsync(Month month)
    {
        var expected = _last is { } l ? l + 1 : _setup.Start;
        if (month != expected) throw new InvalidOperationException($"expected to simulate {expected} next, not {month}");
        if (month > _setup.End) throw new InvalidOperationException($"{month} is after the run's end {_setup.End}");

        InjectScriptedInputs(month);

        var metrics = new List<ImmutableArray<MetricValue>>();
        var inspections = new List<InspectionRecord>();
        var events = new List<EventRecord>();
        var arrangements = new List<ArrangementRecord>();
        foreach (var phase in Schedule.Phases)
        {
            var targets = Targets(phase, _post.Collect(month, phase));
            if (_calls.Length < targets.Count) _calls = new ValueTask<PhaseOutput>[targets.Count];
            var calls = _calls;
            for (var i = 0; i < targets.Count; i++)
            {
                var t = targets[i];
                // Kept to be awaited once, below, in target order: all calls start before any is awaited.
#pragma warning disable CA2012
                calls[i] = _executor.ExecuteAsync(t.Entity, _shard, new PhaseInput(month, phase, t.Mail));
#pragma warning restore CA2012
            }
            // Outputs are taken in target order (so results never depend on which call finished
            // first), each as soon as it is ready: posting one output's mail overlaps the grains
            // still computing theirs.
            for (var i = 0; i < targets.Count; i++)
            {
                var o = await calls[i];
                _post.Post(month, o.Outbox);
                if (o.Metrics.Length > 0) metrics.Add(o.Metrics);
                inspections.AddRange(o.Inspections.AsSpan());
                events.AddRange(o.Events.AsSpan());
                arrangements.AddRange(o.Arrangements.AsSpan());
                _wakes[targets[i].Entity] = o.Wakes;
            }
            Array.Clear(calls, 0, targets.Count);
        }

        _last = month;
        // Everything the month made is garbage now but its result and next month's mail. If the
        // young generation is nearly due a collection, take it here, where little survives, not
        // early next month, when this month's working data would still be alive and be promoted
        // to the older generations that large runs collect rarely (docs/PERFORMANCE.md). The
        // collector declines when little of its budget is used, so small runs are not slowed.
        GC.Collect(0, GCCollectionMode.Optimized, blocking: true);
        // Within a replicate, records keep phase-then-entity order (the sort is stable).
        return new MonthResult(
            month,
            new MetricCollection(month, _areas, [metrics.ToArray()]),
            ByReplicate(inspections, static r => r.Replicate),
            ByReplicate(events, static r => r.Replicate),
            ByReplicate(arrangements, static r => r.Replicate));
    }

    private static ImmutableArray<T> ByReplicate<T>(List<T> records, Func<T, int> replicate) =>
        records.Count == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(ReplicateOrder.Sorted(CollectionsMarshal.AsSpan(records), replicate));

    /// <summary>
    /// Each scripted input of the month goes to its recipient in every replicate of the block, in one
    /// parcel per recipient holding all of the month's inputs for it; an input's sequence is its
    /// place in the scenario.
    /// </summary>
    private void InjectScriptedInputs(Month month)
    {
        var inputs = _setup.Inputs;
        var due = Enumerable.Range(0, inputs.Length).Where(i => inputs[i].Month == month).ToList();
        if (due.Count == 0) return;
        var (first, count) = _setup.ShardRange(_shard);
        foreach (var to in due.Select(i => inputs[i].To).Distinct())
        {
            var forRecipient = due.Where(i => inputs[i].To == to).ToList();
            var letters = ImmutableArray.CreateBuilder<Letter>(count * forRecipient.Count);
            for (var r = first; r < first + count; r++)
            {
                foreach (var i in forRecipient) letters.Add(new Letter(r, i, inputs[i].Message));
            }
            _post.Inject(month, new Parcel(Address.Scenario, to, Phase.Govern, letters.MoveToImmutable()));
        }
    }

    private List<(Address Entity, ImmutableArray<Parcel> Mail)> Targets(
        Phase phase, Dictionary<(Address Entity, int Shard), ImmutableArray<Parcel>> mail)
    {
        var bit = Schedule.Of(phase);
        var keys = _keys;
        keys.Clear();
        foreach (var (entity, shard) in mail.Keys)
        {
            if (shard != _shard) throw new InvalidOperationException($"mail for {entity} in block {shard} reached block {_shard}'s runner");
            keys.Add(entity);
        }
        foreach (var entity in _entities)
        {
            if (!Schedule.Acts(entity.Kind, phase)) continue;
            if ((_wakes[entity] & bit) != 0 && !mail.ContainsKey((entity, _shard))) keys.Add(entity);
        }
        keys.Sort();

        var targets = _targets;
        targets.Clear();
        foreach (var entity in keys)
        {
            if (!Schedule.Acts(entity.Kind, phase))
                throw new InvalidOperationException($"mail for {entity} in {phase}, a phase it does not act in");
            var inbox = mail.TryGetValue((entity, _shard), out var list) ? list : [];
            targets.Add((entity, inbox));
        }
        return targets;
    }
}

/// <summary>
/// Steps entities without Orleans: each entity's block of replicates is a plain object, stepped on
/// the caller's thread. Blocks of replicates run in parallel by each having its own
/// <see cref="MonthRunner"/> on its own thread (<see cref="BlockPipeline"/>); the hosts share no
/// mutable state (their per-thread working space is thread-static), so one executor serves them all
/// once initialised.
/// </summary>
public sealed class DirectExecutor(WorldSetup setup) : IPhaseExecutor
{
    private readonly Dictionary<(Address, int), EntityHost> _hosts = [];

    public Task InitialiseAsync(Address entity, int shard)
    {
        lock (_hosts) _hosts[(entity, shard)] = new EntityHost(entity, setup, shard);
        return Task.CompletedTask;
    }

    public ValueTask<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input) => new(Host(entity, shard).Step(input));

    public EntityHost Host(Address entity, int shard)
    {
        lock (_hosts) return _hosts[(entity, shard)];
    }
}
