using Simulation.Model.Engine;
using Simulation.Model.Randomness;
using Simulation.Model.Service;

namespace Simulation.Model.World.Actors;

/// <summary>
/// A children's services trust or company: runs the services of the councils that hand them over,
/// each under its own contract, reports on each to its council, and hands a service back when its
/// contract ends. Several councils may use one trust (Achieving for Children): each keeps its own
/// service (caseloads, workforce, budget, inspections); a council joining a trust that already runs
/// services comes under its leadership and moves towards its culture (<see cref="ServiceChanges.StartUnderTrust"/>).
/// </summary>
public sealed class TrustActor : Actor
{
    private readonly WorldSetup _world;
    // Everything the trust carries between months, and its checkpoint: the services it runs, by the
    // council's id (ordinal order: the order they step in).
    private TrustState _s = new();

    public TrustActor(Address address, WorldSetup world, int replicate)
        : base(address, world, replicate)
    {
        _world = world;
    }

    public override PhaseSet Wakes => _s.Services.Count > 0 ? PhaseSet.Deliver : PhaseSet.None;

    public override ActorSnapshot Save() => _s.Copy();

    public override void Restore(ActorSnapshot snapshot) => _s = Expect<TrustState>(snapshot).Copy();

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        if (phase == Phase.Transfer) Transfer(inbox);
        else if (phase == Phase.Deliver) Deliver();
    }

    private void Transfer(ReadOnlySpan<Envelope> inbox)
    {
        // Services already run before this month's handovers: a council handing over now joins them.
        var joining = _s.Services.Count > 0 ? Shared() : ((double, double)?)null;
        foreach (var envelope in inbox)
        {
            var area = AreaOf(envelope);
            switch (envelope.Message)
            {
                case ServiceHandover m:
                    var role = new ProviderRole(new ProviderState());
                    role.Take(ServiceChanges.StartUnderTrust(m.State, m.Seconded, m.SetupCost, m.SetupFunding, P, Random(area, RandomStream.Workforce), joining));
                    _s.Add(area, role.State);
                    Event(EventKind.ServiceStarted, area, EventKinds.Data(("staff", m.Seconded ? "seconded" : "transferred")), "took over the council's children's social care");
                    break;
                case ServiceRecalled:
                    if (_s.Remove(area) is { } state && new ProviderRole(state) is { Running: true } recalled)
                    {
                        Send(envelope.From, new ServiceHandover(recalled.Release(), Seconded: false, ToTrust: false));
                        Event(EventKind.ServiceReturned, area, "", "handed the service back to the council");
                    }
                    break;
                default:
                    if (_s.Find(area) is { } service) new ProviderRole(service).Receive(envelope.Message);
                    break;
            }
        }
    }

    private void Deliver()
    {
        foreach (var (area, state) in _s.Services)
        {
            var (random, recordEvent) = Callbacks(area);
            if (new ProviderRole(state).Deliver(Month, P, random, recordEvent) is not { } outcome) continue;
            RecordService(_world.AreaIndex(area), outcome.Report);
            var report = new ServiceReported(outcome.Report, Address);
            Send(World.Address.Council(area), report);
            Send(World.Address.Inspector, report);
            if (_world.MarketOf(area) is { } market) Send(market, report);
        }
    }

    /// <summary>The council a message concerns: its sender, or the area it names when from the inspector or a region.</summary>
    private static string AreaOf(Envelope envelope) => envelope.Message switch
    {
        JudgementPublished j => j.Judgement.Area,
        StaffMoved s => s.Area,
        _ => envelope.From.Id,
    };

    /// <summary>
    /// The trust's leadership and culture: children-weighted means over the services it runs (called
    /// only while it runs at least one, whose population is never zero; the fallback is never used).
    /// </summary>
    private (double Leadership, double Culture) Shared()
    {
        double children = 0, leadership = 0, culture = 0;
        foreach (var service in _s.Services)
        {
            if (service.Provider.Service is not { } s) continue;
            children += s.Children;
            leadership += s.Children * s.Leadership.Quality;
            culture += s.Children * s.Practice.Culture;
        }
        return children > 0 ? (leadership / children, culture / children) : (0.5, 0.5);
    }
}
