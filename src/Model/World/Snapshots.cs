using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>
/// An actor's state: everything it carries from one month to the next and cannot rebuild from the
/// setup. Each actor holds exactly one such record (ActorStates.cs) and a copy of it is its
/// checkpoint, so nothing is mirrored by hand. Random numbers need nothing here: every stream is
/// keyed by (seed, replicate, entity, month, stream, use within the month), and uses start again
/// each month, so an actor restored at a month's end draws exactly what it would have drawn. States
/// are plain records, serialised as JSON like messages (<c>SimulationSerialization</c>), so a
/// checkpoint written by one silo is read by another.
/// </summary>
public abstract record ActorSnapshot;

/// <summary>An entity's block of replicates: each replicate's actor, or null where none was created yet.</summary>
public sealed record EntityHostSnapshot(Month Month, ImmutableArray<ActorSnapshot?> Actors);

/// <summary>
/// The run's clock at the end of a month: the last month completed, the mail due in later phases,
/// and which entity blocks want to act without mail.
/// </summary>
public sealed record RunnerSnapshot(Month? Last, ImmutableArray<PendingMail> Mail, ImmutableArray<WakeEntry> Wakes);

public sealed record PendingMail(int Month, Phase Phase, ImmutableArray<Parcel> Parcels);

public readonly record struct WakeEntry(Address Entity, int Shard, PhaseSet Wakes);
