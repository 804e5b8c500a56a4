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
    // How often each (entity, stream) was used this month, and the hashes of entity names: a few
    // entries each (the inspector's: one per council it inspects), so lists searched in order (an
    // actor exists per replicate and entity, hundreds of thousands in a large run, and a
    // dictionary costs hundreds of bytes).
    private readonly List<(ulong Entity, RandomStream Stream, int Uses)> _streamUses = [];
    private readonly List<(string Entity, ulong Hash)> _entityHashes = [];
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
            _streamUses.Clear();
        }
        _output = output;
        try
        {
            OnPhase(phase, inbox);
        }
        finally
        {
            _output = null;
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

    protected void Event(string name, string detail) =>
        _output!.Events.Add(new EventRecord(Replicate, _month, Address.Id, name, detail));

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
        var hash = HashOf(entity);
        var slot = -1;
        for (var i = 0; i < _streamUses.Count && slot < 0; i++)
        {
            if (_streamUses[i].Entity == hash && _streamUses[i].Stream == stream) slot = i;
        }
        var uses = slot >= 0 ? _streamUses[slot].Uses : 0;
        if (slot >= 0) _streamUses[slot] = (hash, stream, uses + 1);
        else _streamUses.Add((hash, stream, 1));
        var key = RandomKey.For(_replicateKey, StableHash.Combine(hash, uses), _month.Index, stream);
        return (s_rng ??= new CounterRandom()).Reset(key);
    }

    private ulong HashOf(string entity)
    {
        foreach (var (name, hash) in _entityHashes)
        {
            if (string.Equals(name, entity, StringComparison.Ordinal)) return hash;
        }
        var h = StableHash.Of(entity);
        _entityHashes.Add((entity, h));
        return h;
    }
}
