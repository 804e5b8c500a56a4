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
    // The services this trust runs, by the council's id (ordinal order: the order they step in).
    private readonly SortedDictionary<string, ProviderRole> _services = new(StringComparer.Ordinal);

    public TrustActor(Address address, WorldSetup world, int replicate)
        : base(address, world, replicate)
    {
        _world = world;
    }

    public override PhaseSet Wakes => _services.Count > 0 ? PhaseSet.Deliver : PhaseSet.None;

    public override ActorSnapshot Save() =>
        new TrustSnapshot([.. _services.Select(s => new TrustServiceSnapshot(s.Key, s.Value.Save()))]);

    public override void Restore(ActorSnapshot snapshot)
    {
        _services.Clear();
        foreach (var s in Expect<TrustSnapshot>(snapshot).Services)
        {
            var role = new ProviderRole();
            role.Restore(s.Provider);
            _services[s.Council] = role;
        }
    }

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        if (phase == Phase.Transfer) Transfer(inbox);
        else if (phase == Phase.Deliver) Deliver();
    }

    private void Transfer(ReadOnlySpan<Envelope> inbox)
    {
        // Services already run before this month's handovers: a council handing over now joins them.
        var joining = _services.Count > 0 ? Shared() : ((double, double)?)null;
        foreach (var envelope in inbox)
        {
            var area = AreaOf(envelope);
            switch (envelope.Message)
            {
                case ServiceHandover m:
                    var role = new ProviderRole();
                    role.Take(ServiceChanges.StartUnderTrust(m.State, m.Seconded, m.SetupCost, m.SetupFunding, P, Random(area, RandomStream.Workforce), joining));
                    _services[area] = role;
                    Event(EventKind.ServiceStarted, area, EventKinds.Data(("staff", m.Seconded ? "seconded" : "transferred")), "took over the council's children's social care");
                    break;
                case ServiceRecalled:
                    if (_services.Remove(area, out var recalled) && recalled.Running)
                    {
                        Send(envelope.From, new ServiceHandover(recalled.Release(), Seconded: false, ToTrust: false));
                        Event(EventKind.ServiceReturned, area, "", "handed the service back to the council");
                    }
                    break;
                default:
                    if (_services.TryGetValue(area, out var service)) service.Receive(envelope.Message);
                    break;
            }
        }
    }

    private void Deliver()
    {
        foreach (var (area, service) in _services)
        {
            var (random, recordEvent) = Callbacks(area);
            if (service.Deliver(Month, P, random, recordEvent) is not { } outcome) continue;
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

    /// <summary>The trust's leadership and culture: children-weighted means over the services it runs.</summary>
    private (double Leadership, double Culture) Shared()
    {
        double children = 0, leadership = 0, culture = 0;
        foreach (var service in _services.Values)
        {
            if (service.Service is not { } s) continue;
            children += s.Children;
            leadership += s.Children * s.Leadership.Quality;
            culture += s.Children * s.Practice.Culture;
        }
        return children > 0 ? (leadership / children, culture / children) : (0.5, 0.5);
    }
}
