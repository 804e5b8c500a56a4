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
public abstract class Actor : IStepHost
{
    // The engine's bookkeeping of this actor's random streams (Engine/RandomStreams).
    private readonly RandomStreams _streams;
    // This replicate's parameters, chosen once (a posterior's draw is not free, and P is read often).
    private readonly ModelParameters _parameters;
    private ActorOutput? _output;
    private Month _month = new(-1);
    private int _sequence;

    protected Actor(Address address, WorldSetup setup, int replicate)
    {
        Address = address;
        Setup = setup;
        Replicate = replicate;
        _streams = new RandomStreams(RandomKey.ForReplicate(setup.Seed, replicate));
        _parameters = setup.ParametersFor(replicate);
    }

    public Address Address { get; }
    public int Replicate { get; }
    protected WorldSetup Setup { get; }

    /// <summary>The parameters this replicate runs (<see cref="WorldSetup.ParametersFor"/>: the scenario's, or its posterior particle's).</summary>
    protected ModelParameters P => _parameters;
    protected Month Month => _month;

    /// <summary>The phases in which this actor wants to act next month even without mail.</summary>
    public abstract PhaseSet Wakes { get; }

    public void Act(Phase phase, Month month, ReadOnlySpan<Envelope> inbox, ActorOutput output)
    {
        if (month != _month)
        {
            _month = month;
            _sequence = 0;
            _streams.StartMonth();
        }
        _output = output;
        try
        {
            OnPhase(phase, inbox);
        }
        finally
        {
            _output = null;
            StepCallbacks.Release();
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

    protected void Publish(Judgement judgement, double? likelihood = null) =>
        _output!.Inspections.Add(new InspectionRecord(Replicate, judgement, likelihood));

    /// <summary>
    /// A random stream for (this replicate, <paramref name="entity"/>, this month, <paramref name="stream"/>).
    /// Keyed by the entity a draw is about (the service's area, not whoever runs it), so
    /// counterfactuals share random numbers where their histories agree. Each further request of
    /// the same stream in a month gets a fresh, equally determined stream.
    /// </summary>
    protected CounterRandom Random(string entity, RandomStream stream) => _streams.Next(entity, stream, _month);

    /// <summary>
    /// <see cref="Random(string, RandomStream)"/> for <paramref name="entity"/> and <see cref="Event"/>
    /// about it as delegates, for model code that takes them. Valid only during this actor's step.
    /// </summary>
    protected (Func<RandomStream, CounterRandom> Random, Action<EventKind, string, string> Event) Callbacks(string entity) =>
        StepCallbacks.Bind(entity, this);

    CounterRandom IStepHost.Random(string entity, RandomStream stream) => Random(entity, stream);

    void IStepHost.Event(EventKind kind, string council, string data, string detail) => Event(kind, council, data, detail);
}
