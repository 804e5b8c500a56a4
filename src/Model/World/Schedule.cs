using System.Collections.Immutable;
using Simulation.Model.Engine;

namespace Simulation.Model.World;

/// <summary>
/// The phases of a simulated month, in order. Each kind of entity acts in fixed phases; a phase
/// finishes for every entity before the next starts (the barrier).
/// </summary>
public enum Phase
{
    /// <summary>The Department reacts to judgements and scripted decisions: notices, directions, trust orders.</summary>
    Govern = 0,

    /// <summary>Improvement partners provide support under their contracts.</summary>
    Support = 1,

    /// <summary>Councils set budgets, scrutinise, commission the service and change arrangements.</summary>
    Commission = 2,

    /// <summary>Trusts take over or hand back services.</summary>
    Transfer = 3,

    /// <summary>Whoever runs each service steps it one month.</summary>
    Deliver = 4,

    /// <summary>The inspector inspects the services that are due.</summary>
    Inspect = 5,
}

[Flags]
public enum PhaseSet
{
    None = 0,
    Govern = 1 << Phase.Govern,
    Support = 1 << Phase.Support,
    Commission = 1 << Phase.Commission,
    Transfer = 1 << Phase.Transfer,
    Deliver = 1 << Phase.Deliver,
    Inspect = 1 << Phase.Inspect,
}

public static class Schedule
{
    public static readonly ImmutableArray<Phase> Phases = [.. Enum.GetValues<Phase>()];

    public static PhaseSet Of(Phase phase) => (PhaseSet)(1 << (int)phase);

    /// <summary>The phases in which an entity of this kind acts.</summary>
    public static PhaseSet ActsIn(EntityKind kind) => kind switch
    {
        EntityKind.Department => PhaseSet.Govern,
        EntityKind.Partner => PhaseSet.Support,
        EntityKind.Council => PhaseSet.Commission | PhaseSet.Deliver,
        EntityKind.Trust => PhaseSet.Transfer | PhaseSet.Deliver,
        EntityKind.Inspector => PhaseSet.Inspect,
        EntityKind.Region => PhaseSet.Inspect,
        _ => PhaseSet.None,
    };

    public static bool Acts(EntityKind kind, Phase phase) => (ActsIn(kind) & Of(phase)) != 0;

    /// <summary>
    /// When a message sent in <paramref name="sent"/> reaches an entity of <paramref name="kind"/>:
    /// at its next acting phase later in the same month, otherwise at its first phase next month.
    /// </summary>
    public static (int MonthOffset, Phase Phase) Arrival(EntityKind kind, Phase sent)
    {
        foreach (var phase in Phases)
        {
            if (phase > sent && Acts(kind, phase)) return (0, phase);
        }
        return (1, First(kind));
    }

    /// <summary>The first phase of a month in which an entity of this kind acts; scripted inputs arrive then.</summary>
    public static Phase First(EntityKind kind)
    {
        foreach (var phase in Phases)
        {
            if (Acts(kind, phase)) return phase;
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "this kind never acts");
    }
}
