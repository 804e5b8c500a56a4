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
/// <remarks>A view of a <see cref="ProviderState"/> that the actor's state holds (and so its checkpoint): it keeps nothing itself.</remarks>
public readonly struct ProviderRole(ProviderState state)
{
    /// <summary>What this role works on, part of the actor's state.</summary>
    public ProviderState State { get; } = state;

    public ServiceState? Service => State.Service;

    public bool Running => State.Service is not null;

    public void Take(ServiceState service) => State.Service = service;

    public ServiceState Release()
    {
        if (State.Service is not { } s) throw new InvalidOperationException("no service to release");
        State.Service = null;
        State.Pending.Clear();
        State.Conditions = null;
        return s;
    }

    /// <summary>The conditions for this month's step, from a council that runs its service itself.</summary>
    public void Commission(ServiceConditions conditions) => State.Conditions = conditions;

    /// <summary>Keeps a message about the service until this month's step.</summary>
    public void Receive(IMessage message)
    {
        switch (message)
        {
            case Commissioned c:
                Commission(c.Conditions);
                break;
            case JudgementPublished j:
                if (State.Service is { } judged) State.Service = ServiceChanges.Judged(judged, j.Judgement.Overall);
                break;
            default:
                State.Pending.Add(message);
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
        if (State.Service is not { } s) return null;
        foreach (var m in State.Pending)
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
        State.Pending.Clear();

        var conditions = State.Conditions ?? ServiceConditions.Neutral(0);
        var outcome = ServiceStep.Advance(s, conditions, month, p, random);
        if (outcome.DirectorLeft)
        {
            recordEvent(EventKind.DirectorLeft, "", outcome.State.Leadership.InterimMonthsLeft > 0
                ? "an interim covers the post until a permanent director is appointed"
                : "replaced by a new director drawn from the market");
        }
        State.Service = outcome.State;
        State.Conditions = null;
        return outcome;
    }
}
