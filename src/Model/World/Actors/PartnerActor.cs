using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Time;

namespace Simulation.Model.World.Actors;

/// <summary>
/// An improvement partner (a consultancy or a stronger council): adds leadership, practice support
/// and a recruitment push to a council for a contracted period, for a fee.
/// </summary>
public sealed class PartnerActor : Actor
{
    // Everything the partner carries between months, and its checkpoint.
    private PartnerState _s = new();

    public PartnerActor(PartnerSetup partner, WorldSetup world, int replicate)
        : base(partner.Address, world, replicate)
    {
    }

    public override PhaseSet Wakes => _s.Contracts.Count > 0 ? PhaseSet.Support : PhaseSet.None;

    public override ActorSnapshot Save() => _s.Copy();

    public override void Restore(ActorSnapshot snapshot) => _s = Expect<PartnerState>(snapshot).Copy();

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        foreach (var envelope in inbox)
        {
            if (envelope.Message is not PartnerEngaged m) continue;
            var contract = Partnering.Start(m.Council, Month, m.Months, m.Fee, m.LeadershipSupport, m.PracticeSupport, m.RecruitmentBoost, P.Partner);
            _s.Contracts.Add(contract);
            Event(EventKind.PartnerStarted, m.Council, EventKinds.Data(("months", contract.End.MonthsSince(Month)), ("fee", m.Fee)), "support under contract starts");
        }

        foreach (var c in _s.Contracts)
        {
            Send(World.Address.Council(c.Council), new PartnerSupport(Address.Id, c.Leadership, c.Practice, c.Recruitment, c.FeePerMonth));
            if (Month + 1 == c.End) Event(EventKind.PartnerEnded, c.Council, "", "contract ended");
        }
        _s.Contracts.RemoveAll(c => c.EndsAfter(Month));
    }
}
