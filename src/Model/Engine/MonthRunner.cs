using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>Runs one entity's block of replicates for a phase: on a grain, or directly.</summary>
public interface IPhaseExecutor
{
    Task InitialiseAsync(Address entity, int shard);

    Task<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input);
}

/// <summary>
/// The simulated clock: advances the world one month at a time, phase by phase, with a barrier
/// after each phase. The same runner drives grains (in the coordinator) and plain objects (the
/// direct runner), so both produce the same results by construction.
/// </summary>
public sealed class MonthRunner(WorldSetup setup, IPhaseExecutor executor)
{
    private readonly PostOffice _post = new(setup.ShardSize);
    private readonly Dictionary<(Address Entity, int Shard), PhaseSet> _wakes = [];
    private readonly ImmutableArray<Address> _entities = [.. setup.Entities()];
    private readonly ImmutableArray<string> _areas = [.. setup.Councils.Select(c => c.Id)];
    private Month? _last;

    public WorldSetup Setup => setup;

    /// <summary>The last month completed, or null before the first.</summary>
    public Month? LastCompleted => _last;

    public async Task InitialiseAsync()
    {
        var calls = new List<Task>();
        foreach (var entity in _entities)
        {
            for (var shard = 0; shard < setup.Shards; shard++)
            {
                _wakes[(entity, shard)] = Schedule.ActsIn(entity.Kind);
                calls.Add(executor.InitialiseAsync(entity, shard));
            }
        }
        await Task.WhenAll(calls);
    }

    /// <summary>The clock at the end of the last month completed: what a restart from there needs.</summary>
    public RunnerSnapshot Save() =>
        new(_last, _post.Save(), [.. _wakes.OrderBy(w => w.Key.Entity).ThenBy(w => w.Key.Shard).Select(w => new WakeEntry(w.Key.Entity, w.Key.Shard, w.Value))]);

    /// <summary>
    /// Sets the clock to a saved end of month, in place of <see cref="InitialiseAsync"/>. The
    /// entities must be restored to the same month.
    /// </summary>
    public void Restore(RunnerSnapshot snapshot)
    {
        var blocks = _entities.Length * setup.Shards;
        if (snapshot.Wakes.Length != blocks || snapshot.Wakes.Any(w => !_entities.Contains(w.Entity) || w.Shard < 0 || w.Shard >= setup.Shards))
            throw new ArgumentException($"the snapshot is of another run: it does not hold this run's {blocks} entity blocks", nameof(snapshot));
        _post.Restore(snapshot.Mail);
        _wakes.Clear();
        foreach (var w in snapshot.Wakes) _wakes[(w.Entity, w.Shard)] = w.Wakes;
        _last = snapshot.Last;
    }

    public async Task<MonthResult> AdvanceAsync(Month month)
    {
        var expected = _last is { } l ? l + 1 : setup.Start;
        if (month != expected) throw new InvalidOperationException($"expected to simulate {expected} next, not {month}");
        if (month > setup.End) throw new InvalidOperationException($"{month} is after the run's end {setup.End}");

        InjectScriptedInputs(month);

        var metrics = new List<ImmutableArray<MetricValue>>[setup.Shards];
        for (var i = 0; i < metrics.Length; i++) metrics[i] = [];
        var inspections = new List<InspectionRecord>();
        var events = new List<EventRecord>();
        var arrangements = new List<ArrangementRecord>();
        foreach (var phase in Schedule.Phases)
        {
            var targets = Targets(phase, _post.Collect(month, phase));
            var calls = new Task<PhaseOutput>[targets.Count];
            for (var i = 0; i < calls.Length; i++)
            {
                var t = targets[i];
                calls[i] = executor.ExecuteAsync(t.Entity, t.Shard, new PhaseInput(month, phase, t.Mail));
            }
            // Outputs are taken in target order (so results never depend on which call finished
            // first), each as soon as it is ready: posting one output's mail overlaps the grains
            // still computing theirs.
            for (var i = 0; i < targets.Count; i++)
            {
                var o = await calls[i];
                _post.Post(month, o.Outbox);
                if (o.Metrics.Length > 0) metrics[targets[i].Shard].Add(o.Metrics);
                inspections.AddRange(o.Inspections);
                events.AddRange(o.Events);
                arrangements.AddRange(o.Arrangements);
                _wakes[(targets[i].Entity, targets[i].Shard)] = o.Wakes;
            }
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
            new MetricCollection(month, _areas, [.. metrics.Select(m => m.ToArray())]),
            ByReplicate(inspections, static r => r.Replicate),
            ByReplicate(events, static r => r.Replicate),
            ByReplicate(arrangements, static r => r.Replicate));
    }

    private static ImmutableArray<T> ByReplicate<T>(List<T> records, Func<T, int> replicate) =>
        records.Count == 0 ? [] : ImmutableCollectionsMarshal.AsImmutableArray(ReplicateOrder.Sorted(CollectionsMarshal.AsSpan(records), replicate));

    /// <summary>
    /// Each scripted input of the month goes to its recipient in every replicate, in one parcel per
    /// recipient and block holding all of the month's inputs for it; an input's sequence is its
    /// place in the scenario.
    /// </summary>
    private void InjectScriptedInputs(Month month)
    {
        var due = Enumerable.Range(0, setup.Inputs.Length).Where(i => setup.Inputs[i].Month == month).ToList();
        foreach (var to in due.Select(i => setup.Inputs[i].To).Distinct())
        {
            var inputs = due.Where(i => setup.Inputs[i].To == to).ToList();
            for (var shard = 0; shard < setup.Shards; shard++)
            {
                var (first, count) = setup.ShardRange(shard);
                var letters = ImmutableArray.CreateBuilder<Letter>(count * inputs.Count);
                for (var r = first; r < first + count; r++)
                {
                    foreach (var i in inputs) letters.Add(new Letter(r, i, setup.Inputs[i].Message));
                }
                _post.Inject(month, new Parcel(Address.Scenario, to, Phase.Govern, letters.MoveToImmutable()));
            }
        }
    }

    private List<(Address Entity, int Shard, ImmutableArray<Parcel> Mail)> Targets(
        Phase phase, Dictionary<(Address Entity, int Shard), ImmutableArray<Parcel>> mail)
    {
        var bit = Schedule.Of(phase);
        var keys = new List<(Address Entity, int Shard)>(mail.Keys);
        foreach (var entity in _entities)
        {
            if (!Schedule.Acts(entity.Kind, phase)) continue;
            for (var shard = 0; shard < setup.Shards; shard++)
            {
                if ((_wakes[(entity, shard)] & bit) != 0 && !mail.ContainsKey((entity, shard))) keys.Add((entity, shard));
            }
        }
        keys.Sort(TargetOrder.Instance);

        var targets = new List<(Address, int, ImmutableArray<Parcel>)>(keys.Count);
        foreach (var key in keys)
        {
            if (!Schedule.Acts(key.Entity.Kind, phase))
                throw new InvalidOperationException($"mail for {key.Entity} in {phase}, a phase it does not act in");
            var inbox = mail.TryGetValue(key, out var list) ? list : [];
            targets.Add((key.Entity, key.Shard, inbox));
        }
        return targets;
    }

    private sealed class TargetOrder : IComparer<(Address Entity, int Shard)>
    {
        public static readonly TargetOrder Instance = new();

        public int Compare((Address Entity, int Shard) x, (Address Entity, int Shard) y)
        {
            var c = x.Entity.CompareTo(y.Entity);
            return c != 0 ? c : x.Shard.CompareTo(y.Shard);
        }
    }
}

/// <summary>
/// Steps the world without Orleans: each entity's block of replicates is a plain object. By default
/// every block steps on the caller's thread, one after another; with <c>parallel</c> the blocks of a
/// phase step on the thread pool at once, as grains do, and the runner still takes their outputs in
/// target order, so the results are the same either way (the hosts share no mutable state; their
/// per-thread working space is thread-static).
/// </summary>
public sealed class DirectExecutor(WorldSetup setup, bool parallel = false) : IPhaseExecutor
{
    private readonly Dictionary<(Address, int), EntityHost> _hosts = [];

    public Task InitialiseAsync(Address entity, int shard)
    {
        _hosts[(entity, shard)] = new EntityHost(entity, setup, shard);
        return Task.CompletedTask;
    }

    public Task<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input)
    {
        var host = _hosts[(entity, shard)];
        return parallel ? Task.Run(() => host.Step(input)) : Task.FromResult(host.Step(input));
    }

    public EntityHost Host(Address entity, int shard) => _hosts[(entity, shard)];
}
