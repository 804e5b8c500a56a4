using Simulation.Model.Randomness;
using Simulation.Model.World;

namespace Simulation.Model.Engine;

/// <summary>What an actor offers the model code it calls during its step.</summary>
public interface IStepHost
{
    CounterRandom Random(string entity, RandomStream stream);

    void Event(EventKind kind, string council, string data, string detail);
}

/// <summary>
/// Delegates for model code that takes them (a service's step draws random numbers and records
/// events), bound to whichever actor is stepping on this thread: a pair of delegates per actor, or
/// per step, would cost memory per council and replicate or an allocation per council and month.
/// Valid only during that actor's step.
/// </summary>
public sealed class StepCallbacks
{
    [ThreadStatic]
    private static StepCallbacks? s_current;

    private IStepHost? _host;
    private string? _entity;

    private StepCallbacks()
    {
        Random = s => _host!.Random(_entity!, s);
        Event = (kind, data, detail) => _host!.Event(kind, _entity!, data, detail);
    }

    private Func<RandomStream, CounterRandom> Random { get; }
    private Action<EventKind, string, string> Event { get; }

    /// <summary>This thread's delegates, now drawing for and recording about <paramref name="entity"/> through <paramref name="host"/>.</summary>
    public static (Func<RandomStream, CounterRandom> Random, Action<EventKind, string, string> Event) Bind(string entity, IStepHost host)
    {
        var c = s_current ??= new StepCallbacks();
        (c._entity, c._host) = (entity, host);
        return (c.Random, c.Event);
    }

    /// <summary>Lets go of the actor once its step ends.</summary>
    public static void Release()
    {
        if (s_current is { } c) (c._entity, c._host) = (null, null);
    }
}
