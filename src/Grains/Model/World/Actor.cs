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
    private readonly CounterRandom _rng = new();
    private readonly Dictionary<(ulong Entity, RandomStream Stream), int> _streamUses = [];
    private readonly Dictionary<string, ulong> _entityHashes = new(StringComparer.Ordinal);
    private ActorOutput? _output;
    private Month _month = new(-1);
    private Phase _phase;
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

    public void Act(Phase phase, Month month, IReadOnlyList<Envelope> inbox, ActorOutput output)
    {
        if (month != _month)
        {
            _month = month;
            _sequence = 0;
            _streamUses.Clear();
        }
        _phase = phase;
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

    protected abstract void OnPhase(Phase phase, IReadOnlyList<Envelope> inbox);

    protected void Send(Address to, IMessage message) =>
        _output!.Outbox.Add(new Delivery(Replicate, new Envelope(Address, to, _phase, _sequence++, message)));

    /// <summary>Records a value for the council at <paramref name="area"/> (its index in the setup's councils).</summary>
    protected void Record(int area, Metric metric, double value) =>
        _output!.Metrics.Add(new MetricValue(Replicate, (ushort)area, metric, value));

    /// <summary>Records the service metrics of a provider's report for the council at <paramref name="area"/>.</summary>
    protected void RecordService(int area, Service.ServiceReport report)
    {
        var recorder = new Recorder(_output!, Replicate, (ushort)area);
        Metrics.Of(report, ref recorder);
    }

    private readonly struct Recorder(ActorOutput output, int replicate, ushort area) : IMetricRecorder
    {
        public void Record(Metric metric, double value) => output.Metrics.Add(new MetricValue(replicate, area, metric, value));
    }

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
        if (!_entityHashes.TryGetValue(entity, out var hash)) _entityHashes[entity] = hash = StableHash.Of(entity);
        _streamUses.TryGetValue((hash, stream), out var uses);
        _streamUses[(hash, stream)] = uses + 1;
        var key = RandomKey.For(_replicateKey, StableHash.Combine(hash, uses), _month.Index, stream);
        return _rng.Reset(key);
    }
}
