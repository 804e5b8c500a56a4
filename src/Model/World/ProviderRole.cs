using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>
/// Running a children's social care service: what a council does in-house and a trust does under
/// contract. Holds the service while this provider runs it; applies changes as they arrive; steps
/// the service once a month; reports to the council and the inspector.
/// </summary>
public sealed class ProviderRole
{
    private readonly List<IMessage> _pending = [];
    private ServiceConditions? _conditions;

    // The service while this provider runs it, held inline (a value) and replaced each month.
    private ServiceState _service;

    public ServiceState? Service => Running ? _service : null;

    public bool Running { get; private set; }

    public void Take(ServiceState service)
    {
        _service = service;
        Running = true;
    }

    public ServiceState Release()
    {
        if (!Running) throw new InvalidOperationException("no service to release");
        var s = _service;
        _service = default;
        Running = false;
        _pending.Clear();
        _conditions = null;
        return s;
    }

    public ProviderSnapshot Save() => new(Service, _conditions, [.. _pending]);

    public void Restore(ProviderSnapshot snapshot)
    {
        Running = snapshot.Service is not null;
        _service = snapshot.Service ?? default;
        _conditions = snapshot.Conditions;
        _pending.Clear();
        _pending.AddRange(snapshot.Pending);
    }

    /// <summary>The conditions for this month's step, from a council that runs its service itself.</summary>
    public void Commission(ServiceConditions conditions) => _conditions = conditions;

    /// <summary>Keeps a message about the service until this month's step.</summary>
    public void Receive(IMessage message)
    {
        switch (message)
        {
            case Commissioned c:
                Commission(c.Conditions);
                break;
            case JudgementPublished j:
                if (Running) _service = ServiceChanges.Judged(_service, j.Judgement.Overall);
                break;
            default:
                _pending.Add(message);
                break;
        }
    }

    /// <summary>
    /// Steps the service one month. Returns null when this provider runs no service.
    /// <paramref name="random"/> gives the stream for the service's area.
    /// </summary>
    public ServiceOutcome? Deliver(
        Month month,
        Parameters.ModelParameters p,
        Func<RandomStream, CounterRandom> random,
        Action<EventKind, string, string> recordEvent)
    {
        if (!Running) return null;
        var s = _service;
        foreach (var m in _pending)
        {
            switch (m)
            {
                case DirectorAppointed d:
                    s = ServiceChanges.DirectorAppointed(s, d.Quality, p, random(RandomStream.Leadership));
                    recordEvent(d.Interim ? EventKind.InterimDirectorAppointed : EventKind.DirectorAppointed,
                        EventKinds.Data(("quality", d.Quality)), d.Quality is null ? "drawn from the market" : "appointed");
                    break;
                case ItSystemFailed it:
                    s = ServiceChanges.ItFailure(s, it.Severity, p);
                    break;
                case DemandShockStarted shock:
                    s = ServiceChanges.Shock(s, shock.Shock);
                    break;
                case LabourMarketChanged market:
                    s = ServiceChanges.LabourMarket(s, market.Shift);
                    break;
                case TrustOwnershipChanged:
                    s = ServiceChanges.Disrupt(s, p.Governance.OwnershipChangeDisruption);
                    break;
                case Disrupted d:
                    s = ServiceChanges.Disrupt(s, d.Amount);
                    break;
                case StaffMoved moved:
                    s = ServiceChanges.StaffMoved(s, moved.Net, moved.NetAgency, moved.RegionalVacancyRate);
                    break;
            }
        }
        _pending.Clear();

        var conditions = _conditions ?? ServiceConditions.Neutral(0);
        var outcome = ServiceStep.Advance(s, conditions, month, p, random);
        if (outcome.DirectorLeft) recordEvent(EventKind.DirectorLeft, "", "replaced by a new director drawn from the market");
        _service = outcome.State;
        _conditions = null;
        return outcome;
    }
}
