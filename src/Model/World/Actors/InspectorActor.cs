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
    private sealed class Schedule(CouncilSetup council, int slot)
    {
        public CouncilSetup Council { get; } = council;
        // Where this council's next inspection by cadence stands in the state.
        public int Slot { get; } = slot;
        // This month's report, during the inspector's step only (cleared when it ends).
        public ServiceReport? Latest { get; set; }
    }

    private readonly List<Schedule> _schedules;
    private readonly Schedule[] _byArea;
    private readonly IReadOnlyDictionary<string, int> _areaIndex;
    // Everything the inspector carries between months, and its checkpoint.
    private InspectorState _s;

    public InspectorActor(WorldSetup world, int replicate)
        : base(World.Address.Inspector, world, replicate)
    {
        _schedules = world.Councils.OrderBy(c => c.Id, StringComparer.Ordinal).Select((c, i) => new Schedule(c, i)).ToList();
        _s = new InspectorState { NextByCadence = new Month?[_schedules.Count] };
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
                var after = (int)Math.Round(P.Inspection.FirstCadenceMonths);
                _s.NextByCadence[s.Slot] = lastFixed is null ? Cadence.First(world.Start, P.Inspection) : Max(world.Start, lastFixed.Value + after);
            }
            else if (fixedAhead && plan.CadenceBefore is { } before)
            {
                _s.NextByCadence[s.Slot] = BeforeFixed(Cadence.First(world.Start, P.Inspection), before);
            }
        }
    }

    public override PhaseSet Wakes => PhaseSet.Inspect;

    public override ActorSnapshot Save() => _s.Copy();

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<InspectorState>(snapshot);
        if (s.NextByCadence.Length != _schedules.Count) throw new ArgumentException("the snapshot is of another set of councils", nameof(snapshot));
        _s = s.Copy();
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
                    (_s.PauseStart, _s.PauseEnd) = (Month, m.Until);
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
        if (_s.NextByCadence[s.Slot] is { } due && _s.PauseStart is { } pauseStart && _s.PauseEnd is { } pauseEnd)
        {
            _s.NextByCadence[s.Slot] = Cadence.AfterPause(due, pauseStart, pauseEnd);
        }

        var plan = s.Council.Inspections;
        PlannedInspection? fixedNow = null;
        foreach (var f in plan.Fixed)
        {
            if (f.Month == Month) fixedNow ??= f;
        }
        var byCadence = _s.NextByCadence[s.Slot] == Month;
        if (fixedNow is null && !byCadence) return;
        if (s.Latest is null || s.Latest.Month != Month) return;

        var framework = fixedNow?.Framework ?? Frameworks.ForMonth(Month);
        Judgement judgement;
        if (fixedNow?.Observed is { } observed)
        {
            // Conditioned on the record: the recorded judgement is published, and the replicate is
            // weighted by the chance its service had of earning that overall grade.
            judgement = observed with { Area = s.Council.Id, Month = Month, Framework = framework };
            var likelihood = GradeDistribution.OverallProbability(s.Latest, framework, P.Inspection, observed.Overall);
            Publish(judgement, likelihood);
        }
        else
        {
            judgement = Inspector.Judge(s.Latest, Month, framework, P.Inspection, Random(s.Council.Id, RandomStream.Inspection));
            Publish(judgement);
        }

        var published = new JudgementPublished(judgement);
        Send(World.Address.Department, published);
        // To the council only: it passes the judgement to whoever runs its service.
        Send(s.Council.Address, published);

        var fixedAhead = plan.Fixed.Any(f => f.Month > Month);
        if (!fixedAhead && plan.CadenceAfterFixed)
        {
            _s.NextByCadence[s.Slot] = Cadence.Next(Month, judgement.Overall, P.Inspection, Random(s.Council.Id, RandomStream.Cadence));
        }
        else if (fixedAhead && plan.CadenceBefore is { } before && Month < before)
        {
            _s.NextByCadence[s.Slot] = BeforeFixed(Cadence.Next(Month, judgement.Overall, P.Inspection, Random(s.Council.Id, RandomStream.Cadence)), before);
        }
        else
        {
            _s.NextByCadence[s.Slot] = null;
        }
    }

    private static Month Max(Month a, Month b) => a > b ? a : b;

    // An inspection by the cadence rules that would fall on or after the month from which only the
    // fixed months count is not held.
    private static Month? BeforeFixed(Month due, Month before) => due < before ? due : null;
}
