using System.Globalization;
using System.Reflection;
using System.Text;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>Declares what an event means, who records it and the keys of its <c>data</c> field.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class EventDocAttribute(string recordedBy, string data, string description) : Attribute
{
    public string RecordedBy { get; } = recordedBy;

    /// <summary>The keys of the data field, e.g. <c>severity</c>; empty when the event carries none.</summary>
    public string Data { get; } = data;

    public string Description { get; } = description;
}

/// <summary>
/// The vocabulary of events.csv: every event an entity can record, declared once. The written name
/// is the member's snake case (<see cref="EventKinds.Name"/>); docs/outputs.md lists them from here.
/// </summary>
public enum EventKind
{
    [EventDoc("council", "", "A documented milestone with no mechanism of its own (a scenario's `milestone` event); `detail` is its text, `data` its scenario id (`id`).")]
    Milestone,

    [EventDoc("council", "severity", "A case-management system is implemented badly (severity 0-1).")]
    ItSystemFailure,

    [EventDoc("council", "amount_per_year", "The council's base budget for the service changes (GBP m a year; savings negative).")]
    BudgetChanged,

    [EventDoc("council", "amount_per_year;months", "The council funds an improvement plan (GBP m a year, for months): scripted, or set off by an inadequate judgement (governance.improvement_plan_share).")]
    ImprovementFunded,

    [EventDoc("council", "strength;lag_months", "The council's scrutiny of a contracted service changes (challenge 0-1; months late).")]
    ScrutinyChanged,

    [EventDoc("council", "trust;staff;council_owned", "The trust goes live: the council hands the service to `trust` (joining it if it runs other councils' services); `staff` seconded or transferred; `council_owned` true for a company the council owns from the start.")]
    TrustGoLive,

    [EventDoc("council", "trust", "The trust passes into the council's ownership, operationally separate.")]
    CouncilOwnership,

    [EventDoc("council", "trust", "The contract with `trust` ends; the service is back under council control.")]
    ReturnInHouse,

    [EventDoc("council", "arrangement", "A scripted go-live the arrangement state machine refuses (`arrangement` in force); nothing changes.")]
    TrustGoLiveRefused,

    [EventDoc("council", "arrangement", "A scripted council ownership the arrangement state machine refuses; nothing changes.")]
    CouncilOwnershipRefused,

    [EventDoc("council", "arrangement", "A scripted return in-house the arrangement state machine refuses; nothing changes.")]
    ReturnInHouseRefused,

    [EventDoc("council or trust", "quality", "A new director of children's services (or trust chief executive) takes over; `quality` empty when drawn from the market.")]
    DirectorAppointed,

    [EventDoc("council or trust", "quality", "As `director_appointed`, an interim appointment.")]
    InterimDirectorAppointed,

    [EventDoc("council or trust", "", "The director leaves at random and is replaced by one drawn from the market.")]
    DirectorLeft,

    [EventDoc("trust", "staff", "The trust takes over the council's service (`council`).")]
    ServiceStarted,

    [EventDoc("trust", "", "The trust hands the council's service back.")]
    ServiceReturned,

    [EventDoc("dfe", "", "The Department issues an improvement notice.")]
    ImprovementNotice,

    [EventDoc("dfe", "", "The Department issues a statutory direction.")]
    StatutoryDirection,

    [EventDoc("dfe", "", "The Department appoints a commissioner for children's social care.")]
    CommissionerAppointed,

    [EventDoc("dfe", "partner;months;fee", "The Department's rules require the council to work with `partner` for `months` at a total `fee` (GBP m).")]
    PartnerRequired,

    [EventDoc("dfe", "go_live", "The Department orders the service moved to a trust, live in `go_live` (empty: a scripted go-live decides).")]
    TrustOrdered,

    [EventDoc("dfe", "", "The Department's intervention ends.")]
    DirectionLifted,

    [EventDoc("partner", "months;fee", "An improvement partner starts supporting the council (`months`, total `fee` GBP m).")]
    PartnerStarted,

    [EventDoc("partner", "", "The partner's contract with the council ends.")]
    PartnerEnded,

    [EventDoc("ofsted", "until", "Routine inspections stop until `until` (COVID-19).")]
    InspectionsPaused,
}

public static class EventKinds
{
    private static readonly string[] Names = Enum.GetValues<EventKind>().Select(k => Parameters.Naming.SnakeCase(k.ToString())).ToArray();

    /// <summary>The written name, e.g. <c>trust_go_live</c>.</summary>
    public static string Name(EventKind kind) => Names[(int)kind];

    public static EventDocAttribute Doc(EventKind kind) =>
        typeof(EventKind).GetField(kind.ToString())!.GetCustomAttribute<EventDocAttribute>()!;

    /// <summary>
    /// The data field: <c>key=value</c> pairs joined by <c>;</c>, numbers in invariant culture with
    /// the shortest text that reads back to the same double, months as <c>YYYY-MM</c>, nothing for
    /// a missing value.
    /// </summary>
    public static string Data(params (string Key, object? Value)[] items)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in items)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(key).Append('=').Append(value switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                Month m => m.ToString(),
                _ => value.ToString(),
            });
        }
        return sb.ToString();
    }
}
