using System.Globalization;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;

namespace Simulation.Model.World.Actors;

/// <summary>
/// The Department for Education: improvement notices and statutory directions after inadequate
/// judgements, commissioners, improvement partners, orders to create a trust, and lifting
/// directions once a service is good. In scripted mode it acts only on the scenario's dated
/// decisions; in rules mode it follows <see cref="Parameters.DepartmentParameters"/>.
/// </summary>
public sealed class DepartmentActor : Actor
{
    private sealed class Oversight
    {
        public InterventionLevel Level { get; set; }
        public int Inadequate { get; set; }
        public bool PartnerEngaged { get; set; }
        public bool TrustOrdered { get; set; }
        public Month? LiftDue { get; set; }
    }

    private readonly SortedDictionary<string, Oversight> _councils = new(StringComparer.Ordinal);

    public DepartmentActor(WorldSetup world, int replicate)
        : base(World.Address.Department, world, replicate)
    {
        foreach (var c in world.Councils) _councils[c.Id] = new Oversight();
    }

    public override PhaseSet Wakes => _councils.Values.Any(o => o.LiftDue is not null) ? PhaseSet.Govern : PhaseSet.None;

    public InterventionLevel LevelOf(string council) => _councils[council].Level;

    public override ActorSnapshot Save() => new DepartmentSnapshot(
        [.. _councils.Select(c => new OversightSnapshot(c.Key, c.Value.Level, c.Value.Inadequate, c.Value.PartnerEngaged, c.Value.TrustOrdered, c.Value.LiftDue))]);

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<DepartmentSnapshot>(snapshot);
        if (s.Councils.Length != _councils.Count) throw new ArgumentException("the snapshot is of another set of councils", nameof(snapshot));
        foreach (var c in s.Councils)
        {
            var o = _councils.TryGetValue(c.Council, out var known) ? known
                : throw new ArgumentException($"the snapshot names council '{c.Council}', not in the setup", nameof(snapshot));
            (o.Level, o.Inadequate, o.PartnerEngaged, o.TrustOrdered, o.LiftDue) = (c.Level, c.Inadequate, c.PartnerEngaged, c.TrustOrdered, c.LiftDue);
        }
    }

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case DirectiveScripted m when _councils.ContainsKey(m.Council):
                    Apply(m.Council, m.Directive, m.GoLive);
                    break;
                case JudgementPublished m when _councils.ContainsKey(m.Judgement.Area):
                    if (Setup.DepartmentMode == DepartmentMode.Rules) Respond(m.Judgement);
                    break;
                case Milestone m:
                    Event(m.Name, m.Detail);
                    break;
            }
        }

        foreach (var (council, o) in _councils)
        {
            if (o.LiftDue is { } due && due <= Month)
            {
                Apply(council, Directive.DirectionLifted, null);
            }
        }
    }

    /// <summary>The Department's rules after a judgement (rules mode only).</summary>
    private void Respond(Judgement j)
    {
        var o = _councils[j.Area];
        var d = P.Department;
        if (j.Overall == Grade.Inadequate)
        {
            o.Inadequate++;
            o.LiftDue = null;
            if (o.Inadequate >= d.DirectionAfter && o.Level < InterventionLevel.StatutoryDirection)
            {
                Apply(j.Area, Directive.StatutoryDirection, null);
                Apply(j.Area, Directive.Commissioner, null);
            }
            else if (o.Level == InterventionLevel.None)
            {
                Apply(j.Area, Directive.ImprovementNotice, null);
            }

            if (o.Inadequate >= d.PartnerAfter && !o.PartnerEngaged && Setup.Partners.Length > 0)
            {
                o.PartnerEngaged = true;
                var partner = Setup.Partners[0];
                Send(partner.Address, new PartnerEngaged(j.Area, 24, 1.8, null, null, null));
                Event("partner_required", $"{j.Area} to work with {partner.Id}");
            }

            if (o.Inadequate >= d.TrustAfter && !o.TrustOrdered)
            {
                Apply(j.Area, Directive.TrustOrder, Month + (int)Math.Round(d.TrustSetupMonths));
            }
        }
        else if (j.Overall >= Grade.Good && o.Level > InterventionLevel.None && o.LiftDue is null)
        {
            o.LiftDue = Month + (int)Math.Round(d.LiftDelayMonths);
        }
    }

    private void Apply(string council, Directive directive, Month? goLive)
    {
        var o = _councils[council];
        var to = World.Address.Council(council);
        switch (directive)
        {
            case Directive.ImprovementNotice:
                o.Level = InterventionLevel.ImprovementNotice;
                Send(to, new InterventionChanged(o.Level));
                Event("improvement_notice", $"issued to {council}");
                break;
            case Directive.StatutoryDirection:
                o.Level = InterventionLevel.StatutoryDirection;
                Send(to, new InterventionChanged(o.Level));
                Event("statutory_direction", $"issued to {council}");
                break;
            case Directive.Commissioner:
                Send(to, new CommissionerAppointed());
                Event("commissioner_appointed", $"commissioner for children's social care in {council}");
                break;
            case Directive.TrustOrder:
                o.TrustOrdered = true;
                Send(to, new TrustOrdered(goLive));
                Event("trust_ordered", goLive is { } g
                    ? string.Create(CultureInfo.InvariantCulture, $"{council}'s service to move to a trust from {g}")
                    : $"{council}'s service to move to a trust");
                break;
            case Directive.DirectionLifted:
                o.Level = InterventionLevel.None;
                o.Inadequate = 0;
                o.LiftDue = null;
                Send(to, new InterventionChanged(o.Level));
                Event("direction_lifted", $"intervention in {council} ends");
                break;
        }
    }
}
