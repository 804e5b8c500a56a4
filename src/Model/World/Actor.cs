using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>
/// One entity in one replicate's world. Actors are plain objects: grains host them, and the direct
/// runner steps them without Orleans. An actor sees only its inbox and its own state, and speaks
/// only by sending messages and recording outputs.
/// </summary>
public abstract class Actor
{
    private readonly ulong _replicateKey;
    // One generator per thread, re-keyed for every stream: a generator carries no state between
    // uses, and an actor's step runs to completion on one thread, so actors need not each own one
    // (MathNet's RandomSource builds a 56-int seed table per instance).
    [ThreadStatic]
    private static CounterRandom? s_rng;
    // How often each stream was used this month for the entity this actor draws for first (its own
    // area: all a council or trust draws for) as counters held inline, indexed by stream, and for
    // any other entity (the inspector draws for every council) in lists made on first use. An actor
    // exists per replicate and entity, hundreds of thousands in a large run, so this stays small:
    // lists for every actor cost about 300 bytes each (docs/PERFORMANCE.md).
    private string? _mainEntity;
    private ulong _mainHash;
    private StreamCounts _mainUses;
    private List<(ulong Entity, RandomStream Stream, int Uses)>? _otherUses;
    // Delegates for model code that takes them, bound to whichever actor is stepping on this thread:
    // a pair per actor would cost 128 bytes in every council and replicate.
    [ThreadStatic]
    private static StepCallbacks? s_callbacks;
    private ActorOutput? _output;
    private Month _month = new(-1);
    private int _sequence;

    protected Actor(Address address, WorldSetup setup, int replicate)
    {
        Address = address;
        Setup = setup;
        Replicate = replicate;
        _replicateKey = RandomKey.ForReplicate(setup.Seed, replicate);
    }

    public Address Address { get; }
    public int Replicate { get; }
    protected WorldSetup Setup { get; }
    protected ModelParameters P => Setup.Parameters;
    protected Month Month => _month;

    /// <summary>The phases in which this actor wants to act next month even without mail.</summary>
    public abstract PhaseSet Wakes { get; }

    public void Act(Phase phase, Month month, ReadOnlySpan<Envelope> inbox, ActorOutput output)
    {
        if (month != _month)
        {
            _month = month;
            _sequence = 0;
            _mainUses = default;
            // A month that drew for many entities (the inspector's first month can inspect every
            // council) leaves a large list behind: an actor exists per replicate, so let it go.
            if (_otherUses is { Capacity: > 16 }) _otherUses = null;
            else _otherUses?.Clear();
        }
        _output = output;
        try
        {
            OnPhase(phase, inbox);
        }
        finally
        {
            _output = null;
            if (s_callbacks is { } c) c.Actor = null;
        }
    }

    protected abstract void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox);

    /// <summary>What this actor must keep to continue from the end of the month it last acted in.</summary>
    public abstract ActorSnapshot Save();

    /// <summary>
    /// Takes the state of <paramref name="snapshot"/>, saved at a month's end by an actor built for the
    /// same setup, entity and replicate; afterwards this actor acts exactly as that one would have.
    /// </summary>
    public abstract void Restore(ActorSnapshot snapshot);

    protected static T Expect<T>(ActorSnapshot snapshot) where T : ActorSnapshot =>
        snapshot as T ?? throw new ArgumentException($"expected a {typeof(T).Name}, not a {snapshot.GetType().Name}", nameof(snapshot));

    protected void Send(Address to, IMessage message) =>
        _output!.Outbox.Add(to, new Letter(Replicate, _sequence++, message));

    /// <summary>Records a value for the council at <paramref name="area"/> (its index in the setup's councils).</summary>
    protected void Record(int area, Metric metric, double value) =>
        _output!.Metrics.Add(new MetricValue(Replicate, (ushort)area, metric, value));

    /// <summary>
    /// Records the service metrics of a provider's report (<see cref="Metrics.OfReport"/>) for the
    /// council at <paramref name="area"/>: one entry holding the report, which is kept for the
    /// month anyway, instead of a value per metric.
    /// </summary>
    protected void RecordService(int area, Service.ServiceReport report) =>
        _output!.Metrics.Add(new MetricValue(Replicate, (ushort)area, default, 0, report));

    /// <summary>Records an event of <paramref name="kind"/> about <paramref name="council"/> (empty: national).</summary>
    protected void Event(EventKind kind, string council, string data, string detail) =>
        _output!.Events.Add(new EventRecord(Replicate, _month, Address.Id, EventKinds.Name(kind), council, data, detail));

    /// <summary>Records who runs a council's service from this month on.</summary>
    protected void RecordArrangement(string council, Governance.Arrangement arrangement, string provider, string partner) =>
        _output!.Arrangements.Add(new ArrangementRecord(Replicate, _month, council, arrangement, provider, partner));

    protected void Publish(Judgement judgement) =>
        _output!.Inspections.Add(new InspectionRecord(Replicate, judgement));

    /// <summary>
    /// A random stream for (this replicate, <paramref name="entity"/>, this month, <paramref name="stream"/>).
    /// Keyed by the entity a draw is about (the service's area, not whoever runs it), so
    /// counterfactuals share random numbers where their histories agree. Each further request of
    /// the same stream in a month gets a fresh, equally determined stream.
    /// </summary>
    protected CounterRandom Random(string entity, RandomStream stream)
    {
        if (_mainEntity is null)
        {
            _mainEntity = entity;
            _mainHash = StableHash.Of(entity);
        }
        var hash = string.Equals(entity, _mainEntity, StringComparison.Ordinal) ? _mainHash : StableHash.Of(entity);
        int uses;
        if (hash == _mainHash && (int)stream is >= 0 and < StreamCounts.Length)
        {
            uses = _mainUses[(int)stream]++;
        }
        else
        {
            var list = _otherUses ??= [];
            var slot = -1;
            for (var i = 0; i < list.Count && slot < 0; i++)
            {
                if (list[i].Entity == hash && list[i].Stream == stream) slot = i;
            }
            uses = slot >= 0 ? list[slot].Uses : 0;
            if (slot >= 0) list[slot] = (hash, stream, uses + 1);
            else list.Add((hash, stream, 1));
        }
        var key = RandomKey.For(_replicateKey, StableHash.Combine(hash, uses), _month.Index, stream);
        return (s_rng ??= new CounterRandom()).Reset(key);
    }

    /// <summary>
    /// <see cref="Random(string, RandomStream)"/> for <paramref name="entity"/> and <see cref="Event"/>
    /// about it as delegates, for model code that takes them. Valid only during this actor's step.
    /// </summary>
    protected (Func<RandomStream, CounterRandom> Random, Action<EventKind, string, string> Event) Callbacks(string entity)
    {
        var c = s_callbacks ??= new StepCallbacks();
        c.Actor = this;
        c.Entity = entity;
        return (c.Random, c.Event);
    }

    private sealed class StepCallbacks
    {
        public StepCallbacks()
        {
            Random = s => Actor!.Random(Entity!, s);
            Event = (kind, data, detail) => Actor!.Event(kind, Entity!, data, detail);
        }

        public Actor? Actor { get; set; }
        public string? Entity { get; set; }
        public Func<RandomStream, CounterRandom> Random { get; }
        public Action<EventKind, string, string> Event { get; }
    }

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct StreamCounts
    {
        public const int Length = 10;
        private int _first;
    }
}
