using Simulation.Model.Engine;
using Simulation.Model.Randomness;
using Simulation.Model.Service;

namespace Simulation.Model.World.Actors;

/// <summary>
/// A children's services trust: runs a council's service under contract when the service is
/// outsourced, reports to the council, and hands the service back when the contract ends.
/// </summary>
public sealed class TrustActor : Actor
{
    private readonly string _area;
    private readonly int _areaIndex;
    private readonly Address _council;
    private readonly ProviderRole _provider = new();
    private readonly Address? _market;

    public TrustActor(CouncilSetup council, WorldSetup world, int replicate)
        : base(council.Trust, world, replicate)
    {
        _area = council.Id;
        _areaIndex = world.AreaIndex(council.Id);
        _council = council.Address;
        _market = world.MarketOf(council.Id);
    }

    public bool CouncilOwned { get; private set; }

    public bool Running => _provider.Running;

    public override PhaseSet Wakes => _provider.Running ? PhaseSet.Deliver : PhaseSet.None;

    public override ActorSnapshot Save() => new TrustSnapshot(_provider.Save(), CouncilOwned);

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<TrustSnapshot>(snapshot);
        _provider.Restore(s.Provider);
        CouncilOwned = s.CouncilOwned;
    }

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        if (phase == Phase.Transfer) Transfer(inbox);
        else if (phase == Phase.Deliver) Deliver();
    }

    private void Transfer(ReadOnlySpan<Envelope> inbox)
    {
        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case ServiceHandover m:
                    _provider.Take(ServiceChanges.StartUnderTrust(m.State, m.Seconded, m.SetupCost, m.SetupFunding, P, Random(_area, RandomStream.Workforce)));
                    Event(EventKind.ServiceStarted, _area, EventKinds.Data(("staff", m.Seconded ? "seconded" : "transferred")), "took over the council's children's social care");
                    break;
                case ServiceRecalled:
                    if (_provider.Running)
                    {
                        Send(_council, new ServiceHandover(_provider.Release(), Seconded: false, ToTrust: false));
                        Event(EventKind.ServiceReturned, _area, "", "handed the service back to the council");
                    }
                    break;
                case TrustOwnershipChanged m:
                    CouncilOwned = true;
                    _provider.Receive(m);
                    break;
                default:
                    _provider.Receive(envelope.Message);
                    break;
            }
        }
    }

    private void Deliver()
    {
        var (random, recordEvent) = Callbacks(_area);
        if (_provider.Deliver(Month, P, random, recordEvent) is not { } outcome) return;
        RecordService(_areaIndex, outcome.Report);
        var report = new ServiceReported(outcome.Report, Address);
        Send(_council, report);
        Send(World.Address.Inspector, report);
        if (_market is { } market) Send(market, report);
    }
}
