using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Time;

namespace Simulation.Model.World.Actors;

/// <summary>
/// The Department for Education: carries out the escalation rules of <see cref="Escalation"/>
/// (notices, directions, commissioners, partners, trust orders, lifting) after judgements, or, in
/// scripted mode, only the scenario's dated decisions. It tells councils and partners what it
/// decided; the rules themselves live in the governance module.
/// </summary>
public sealed class DepartmentActor : Actor
{
    // Everything the Department carries between months, and its checkpoint.
    private DepartmentState _s = new();

    public DepartmentActor(WorldSetup world, int replicate)
        : base(World.Address.Department, world, replicate)
    {
        foreach (var c in world.Councils) _s.Councils[c.Id] = Oversight.None;
    }

    public override PhaseSet Wakes => _s.Councils.Values.Any(o => o.LiftDue is not null) ? PhaseSet.Govern : PhaseSet.None;

    public override ActorSnapshot Save() => _s.Copy();

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<DepartmentState>(snapshot);
        if (!s.Councils.Keys.SequenceEqual(_s.Councils.Keys, StringComparer.Ordinal))
            throw new ArgumentException("the snapshot is of another set of councils", nameof(snapshot));
        _s = s.Copy();
    }

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case DirectiveScripted m when _s.Councils.ContainsKey(m.Council):
                    Carry(m.Council, new Decision(m.Directive, m.GoLive));
                    break;
                case JudgementPublished m when _s.Councils.TryGetValue(m.Judgement.Area, out var o):
                    if (Setup.DepartmentMode != DepartmentMode.Rules) break;
                    // While the run is conditioned on a record, the record lists every trust order.
                    var mayOrderTrust = Setup.ObservedUntil is not { } until || m.Judgement.Month > until;
                    var (counted, decisions) = Escalation.Respond(o, m.Judgement.Overall, Month, P.Department, Setup.Partners.Length > 0, mayOrderTrust);
                    _s.Councils[m.Judgement.Area] = counted;
                    foreach (var d in decisions) Carry(m.Judgement.Area, d);
                    break;
                case Milestone m:
                    Event(EventKind.Milestone, "", EventKinds.Data(("id", m.Name)), m.Detail);
                    break;
            }
        }

        if (_s.Councils.Values.Any(o => Escalation.LiftDue(o, Month)))
        {
            foreach (var council in _s.Councils.Where(c => Escalation.LiftDue(c.Value, Month)).Select(c => c.Key).ToList())
            {
                Carry(council, new Decision(Directive.DirectionLifted));
            }
        }
    }

    /// <summary>Carries out a decision: the oversight it leaves, the message it sends, the event it records.</summary>
    private void Carry(string council, Decision decision)
    {
        var o = _s.Councils[council] = Escalation.Apply(_s.Councils[council], decision.Directive);
        var to = World.Address.Council(council);
        switch (decision.Directive)
        {
            case Directive.ImprovementNotice:
                Send(to, new InterventionChanged(o.Level));
                Event(EventKind.ImprovementNotice, council, "", "improvement notice issued");
                break;
            case Directive.StatutoryDirection:
                Send(to, new InterventionChanged(o.Level));
                Event(EventKind.StatutoryDirection, council, "", "statutory direction issued");
                break;
            case Directive.Commissioner:
                Event(EventKind.CommissionerAppointed, council, "", "commissioner for children's social care appointed");
                break;
            case Directive.PartnerRequired:
                var partner = Setup.Partners[0];
                var (months, fee) = Partnering.RequiredTerms(P.Department);
                Send(partner.Address, new PartnerEngaged(council, months, fee, null, null, null));
                Event(EventKind.PartnerRequired, council, EventKinds.Data(("partner", partner.Id), ("months", months), ("fee", fee)), "the council must work with an improvement partner");
                break;
            case Directive.TrustOrder:
                Send(to, new TrustOrdered(decision.GoLive));
                Event(EventKind.TrustOrdered, council, EventKinds.Data(("go_live", decision.GoLive)), "the service is to move to a trust");
                break;
            case Directive.DirectionLifted:
                Send(to, new InterventionChanged(o.Level));
                Event(EventKind.DirectionLifted, council, "", "intervention ends");
                break;
        }
    }
}
