using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World.Actors;

/// <summary>
/// Ofsted: keeps each council's inspection schedule (fixed months, the cadence rules, or both),
/// inspects the services due with the framework of the day, and publishes its judgements to the
/// Department, the council and whoever runs the service.
/// </summary>
public sealed class InspectorActor : Actor
{
    private sealed class Schedule(CouncilSetup council)
    {
        public CouncilSetup Council { get; } = council;
        public Month? NextByCadence { get; set; }
        // This month's report, during the inspector's step only (cleared when it ends).
        public ServiceReport? Latest { get; set; }
    }

    private readonly List<Schedule> _schedules;
    private readonly Schedule[] _byArea;
    private readonly IReadOnlyDictionary<string, int> _areaIndex;
    private (Month Start, Month End)? _pause;

    public InspectorActor(WorldSetup world, int replicate)
        : base(World.Address.Inspector, world, replicate)
    {
        _schedules = world.Councils.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => new Schedule(c)).ToList();
        // Schedules by area index, through the setup's shared table (no dictionary per replicate).
        _areaIndex = world.AreaIndexes();
        _byArea = new Schedule[_schedules.Count];
        foreach (var s in _schedules) _byArea[_areaIndex[s.Council.Id]] = s;
        foreach (var s in _schedules)
        {
            var plan = s.Council.Inspections;
            var fixedAhead = plan.Fixed.Any(f => f.Month >= world.Start);
            if (!fixedAhead && plan.CadenceAfterFixed)
            {
                var lastFixed = plan.Fixed.Where(f => f.Month < world.Start).Select(f => (Month?)f.Month).Max();
                var after = (int)Math.Round(world.Parameters.Inspection.FirstCadenceMonths);
                s.NextByCadence = lastFixed is null ? Cadence.First(world.Start, world.Parameters.Inspection) : Max(world.Start, lastFixed.Value + after);
            }
        }
    }

    public override PhaseSet Wakes => PhaseSet.Inspect;

    public override ActorSnapshot Save() => new InspectorSnapshot(
        [.. _schedules.Select(s => new ScheduleSnapshot(s.Council.Id, s.NextByCadence))],
        _pause?.Start, _pause?.End);

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<InspectorSnapshot>(snapshot);
        if (s.Schedules.Length != _schedules.Count) throw new ArgumentException("the snapshot is of another set of councils", nameof(snapshot));
        foreach (var saved in s.Schedules)
        {
            var schedule = _areaIndex.TryGetValue(saved.Council, out var area) ? _byArea[area]
                : throw new ArgumentException($"the snapshot names council '{saved.Council}', not in the setup", nameof(snapshot));
            schedule.NextByCadence = saved.NextByCadence;
        }
        _pause = s.PauseStart is { } start && s.PauseEnd is { } end ? (start, end) : null;
    }

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case ServiceReported m:
                    if (_areaIndex.TryGetValue(m.Report.Area, out var area) && _byArea[area] is { } schedule)
                    {
                        schedule.Latest = m.Report;
                    }
                    break;
                case InspectionsPaused m:
                    _pause = (Month, m.Until);
                    Event(EventKind.InspectionsPaused, "", EventKinds.Data(("until", m.Until)), "routine inspections paused");
                    break;
                case Milestone m:
                    Event(EventKind.Milestone, "", EventKinds.Data(("id", m.Name)), m.Detail);
                    break;
            }
        }

        foreach (var s in _schedules)
        {
            InspectIfDue(s);
            // A report serves only the month it describes (the inspector acts once a month, after
            // every service has reported): let it go rather than keep it for a month.
            s.Latest = null;
        }
    }

    private void InspectIfDue(Schedule s)
    {
        if (s.NextByCadence is { } due && _pause is { } pause)
        {
            s.NextByCadence = Cadence.AfterPause(due, pause.Start, pause.End);
        }

        var plan = s.Council.Inspections;
        PlannedInspection? fixedNow = null;
        foreach (var f in plan.Fixed)
        {
            if (f.Month == Month) fixedNow ??= f;
        }
        var byCadence = s.NextByCadence == Month;
        if (fixedNow is null && !byCadence) return;
        if (s.Latest is null || s.Latest.Month != Month) return;

        var framework = fixedNow?.Framework ?? Frameworks.ForMonth(Month);
        var judgement = Inspector.Judge(s.Latest, Month, framework, P.Inspection, Random(s.Council.Id, RandomStream.Inspection));
        Publish(judgement);

        var published = new JudgementPublished(judgement);
        Send(World.Address.Department, published);
        // To the council only: it passes the judgement to whoever runs its service.
        Send(s.Council.Address, published);

        var fixedAhead = plan.Fixed.Any(f => f.Month > Month);
        s.NextByCadence = !fixedAhead && plan.CadenceAfterFixed
            ? Cadence.Next(Month, judgement.Overall, P.Inspection, Random(s.Council.Id, RandomStream.Cadence))
            : null;
    }

    private static Month Max(Month a, Month b) => a > b ? a : b;
}
