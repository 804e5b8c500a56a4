using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>
/// What an actor must keep to continue a run from the end of a month: everything it cannot rebuild
/// from the setup. Random numbers need nothing here: every stream is keyed by (seed, replicate,
/// entity, month, stream, use within the month), and uses start again each month, so an actor
/// restored at a month's end draws exactly what it would have drawn. Snapshots are plain records,
/// serialised as JSON like messages (<c>SimulationSerialization</c>), so a checkpoint written by
/// one silo is read by another.
/// </summary>
public abstract record ActorSnapshot;

/// <summary>A service held by a provider (a council in-house, or a trust), with what it was told for its next step.</summary>
public sealed record ProviderSnapshot(ServiceState? Service, ServiceConditions? Conditions, ImmutableArray<IMessage> Pending);

public sealed record CouncilSnapshot(
    ProviderSnapshot Provider,
    ImmutableArray<CouncilFunding> Funding,
    ImmutableArray<string> PartnersSeen,
    ImmutableArray<double> QualityByMonth,
    int LastReported,
    Arrangement Arrangement,
    double BaseBudget,
    InterventionLevel Level,
    double? ScrutinyStrength,
    double? ScrutinyLag,
    double? LastOverspendYearToDate,
    Judgement? LastJudgement,
    Month? PendingGoLive,
    Arrangement? Recorded,
    string RecordedPartner,
    Address Trust) : ActorSnapshot;

/// <summary>Extra funding a council receives, a year's amount, until a month.</summary>
public readonly record struct CouncilFunding(double PerYear, Month Until);

/// <summary>A trust's services, by council.</summary>
public sealed record TrustSnapshot(ImmutableArray<TrustServiceSnapshot> Services) : ActorSnapshot;

public sealed record TrustServiceSnapshot(string Council, ProviderSnapshot Provider);

public sealed record InspectorSnapshot(ImmutableArray<ScheduleSnapshot> Schedules, Month? PauseStart, Month? PauseEnd) : ActorSnapshot;

/// <summary>
/// One council's inspection schedule: the next inspection by cadence. The latest report itself is
/// not kept: it is used only in the month it describes.
/// </summary>
public sealed record ScheduleSnapshot(string Council, Month? NextByCadence);

/// <summary>The Department's oversight of each council, in council order.</summary>
public sealed record DepartmentSnapshot(ImmutableArray<OversightSnapshot> Councils) : ActorSnapshot;

public sealed record OversightSnapshot(string Council, Oversight Oversight);

public sealed record PartnerSnapshot(ImmutableArray<PartnerContract> Contracts) : ActorSnapshot;

/// <summary>A regional market keeps nothing between months: it works on the month's reports.</summary>
public sealed record RegionSnapshot : ActorSnapshot;

/// <summary>An entity's block of replicates: each replicate's actor, or null where none was created yet.</summary>
public sealed record EntityHostSnapshot(Month Month, ImmutableArray<ActorSnapshot?> Actors);

/// <summary>
/// The run's clock at the end of a month: the last month completed, the mail due in later phases,
/// and which entity blocks want to act without mail.
/// </summary>
public sealed record RunnerSnapshot(Month? Last, ImmutableArray<PendingMail> Mail, ImmutableArray<WakeEntry> Wakes);

public sealed record PendingMail(int Month, Phase Phase, ImmutableArray<Parcel> Parcels);

public readonly record struct WakeEntry(Address Entity, int Shard, PhaseSet Wakes);
