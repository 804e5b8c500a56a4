using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Randomness;
using Simulation.Model.Service;

namespace Simulation.Model.World.Actors;

/// <summary>
/// The local authority: funds, commissions and scrutinises its children's services, and runs them
/// itself when in-house. It sees its service through monthly reports, with a delay and a strength
/// of challenge that depend on whether it runs the service or holds a contract (loop B2).
/// </summary>
public sealed class CouncilActor : Actor
{
    // Longer than the longest scrutiny lag (36 months, the parameter bounds) plus a margin.
    private const int HistoryLength = 40;

    private readonly CouncilSetup _setup;
    private readonly int _area;
    private readonly ProviderRole _provider = new();
    private readonly Address? _market;
    // Rarely used, so made on first use: there is a council actor per replicate.
    private List<CouncilFunding>? _funding;
    private HashSet<string>? _partnersSeen;
    // Practice quality as reported, by month modulo HistoryLength, NaN for a month without a report;
    // valid up to the latest month reported. One array, not a second of months: a council actor
    // exists per replicate.
    private readonly double[] _qualityByMonth = Enumerable.Repeat(double.NaN, HistoryLength).ToArray();
    private int _lastReported = int.MinValue;
    private Arrangement _arrangement = Arrangement.InHouse;
    private double _baseBudget;
    private InterventionLevel _level;
    private double? _scrutinyStrength;
    private double? _scrutinyLag;
    // The overspend so far this financial year in the latest report, for next year's budget.
    private double? _lastOverspend;
    private Judgement? _lastJudgement;
    private Time.Month? _pendingGoLive;
    // What arrangements.csv last said of this council: a row is written when either changes.
    private Arrangement? _recorded;
    // The trust that runs the service, or ran it last; the council's own until a go-live names another.
    private Address _trust;
    private string _recordedPartner = "";

    public CouncilActor(CouncilSetup setup, WorldSetup world, int replicate)
        : base(setup.Address, world, replicate)
    {
        _setup = setup;
        _area = world.AreaIndex(setup.Id);
        _market = world.MarketOf(setup.Id);
        _baseBudget = setup.Budget;
        _trust = setup.Trust;
        _provider.Take(ServiceFactory.Initial(setup, world.Start));
    }

    public Arrangement Arrangement => _arrangement;

    public override PhaseSet Wakes => PhaseSet.Commission | (_provider.Running ? PhaseSet.Deliver : PhaseSet.None);

    private Address ProviderAddress => _arrangement.RunByTrust() ? _trust : Address;

    protected override void OnPhase(Phase phase, ReadOnlySpan<Envelope> inbox)
    {
        if (phase == Phase.Commission) Commission(inbox);
        else if (phase == Phase.Deliver) Deliver(inbox);
    }

    private void Commission(ReadOnlySpan<Envelope> inbox)
    {
        var goLive = false;
        var seconded = true;
        double? setupCost = null;
        var setupFunding = 0.0;
        Address? goLiveTrust = null;
        var companyOwned = false;
        var recall = false;
        double partnerLeadership = 0, partnerPractice = 0, partnerRecruitment = 0, partnerFees = 0;
        string? partners = null;
        // Inputs for the service (scripted changes, disruption, a judgement), passed to whoever runs
        // it once this month's changes of arrangement are made: one route, council to service.
        List<IMessage>? forward = null;

        foreach (var envelope in inbox)
        {
            switch (envelope.Message)
            {
                case DemandShockStarted m:
                    (forward ??= []).Add(m);
                    break;
                case LabourMarketChanged m:
                    (forward ??= []).Add(m);
                    break;
                case DirectorAppointed m:
                    (forward ??= []).Add(m);
                    break;
                case ItSystemFailed m:
                    (forward ??= []).Add(m);
                    Event(EventKind.ItSystemFailure, _setup.Id, EventKinds.Data(("severity", m.Severity)), "case-management system implemented badly");
                    break;
                case BudgetChanged m:
                    _baseBudget = Budget.Changed(_baseBudget, m.AmountPerYear);
                    Event(EventKind.BudgetChanged, _setup.Id, EventKinds.Data(("amount_per_year", m.AmountPerYear)), "the base budget for the service changes");
                    break;
                case ImprovementFunded m:
                    (_funding ??= []).Add(new CouncilFunding(m.AmountPerYear, Month + m.Months));
                    Event(EventKind.ImprovementFunded, _setup.Id, EventKinds.Data(("amount_per_year", m.AmountPerYear), ("months", m.Months)), "the council funds an improvement plan");
                    break;
                case TrustGoLive m:
                    goLive = true;
                    seconded = m.Seconded;
                    setupCost = m.SetupCost;
                    setupFunding = m.SetupFunding;
                    goLiveTrust = m.Trust;
                    companyOwned = m.CouncilOwned;
                    break;
                case TrustOrdered m:
                    _pendingGoLive = m.GoLive ?? _pendingGoLive;
                    if (Arrangements.Apply(_arrangement, ArrangementChange.TrustOrder) is { Legal: true } ordered) _arrangement = ordered.To;
                    break;
                case TrustOwnershipChanged m:
                    if (Arrangements.Apply(_arrangement, ArrangementChange.CouncilOwnership) is { Legal: true } owned)
                    {
                        _arrangement = owned.To;
                        (forward ??= []).Add(m);
                        Event(EventKind.CouncilOwnership, _setup.Id, EventKinds.Data(("trust", _trust.Id)), "the trust passes into the council's ownership, operationally separate");
                    }
                    else Refused(EventKind.CouncilOwnershipRefused, Arrangements.Apply(_arrangement, ArrangementChange.CouncilOwnership).Refusal!);
                    break;
                case ScrutinyStrengthened m:
                    _scrutinyStrength = m.Strength;
                    _scrutinyLag = m.LagMonths;
                    Event(EventKind.ScrutinyChanged, _setup.Id, EventKinds.Data(("strength", m.Strength), ("lag_months", m.LagMonths)), "the council's scrutiny of the contracted service changes");
                    break;
                case ReturnInHouse:
                    recall = true;
                    break;
                case Milestone m:
                    Event(EventKind.Milestone, _setup.Id, EventKinds.Data(("id", m.Name)), m.Detail);
                    break;
                case InterventionChanged m:
                    if (m.Level > _level)
                    {
                        (forward ??= []).Add(new Disrupted(P.Governance.InterventionDisruption, "intervention"));
                    }
                    _level = m.Level;
                    break;
                case PartnerSupport m:
                    if ((_partnersSeen ??= []).Add(m.Partner))
                    {
                        (forward ??= []).Add(new Disrupted(P.Governance.PartnerStartDisruption, "partner start"));
                    }
                    partnerLeadership += m.Leadership;
                    partnerPractice += m.Practice;
                    partnerRecruitment += m.Recruitment;
                    partnerFees += m.Fee;
                    // Mail comes in sender order, so several partners are listed in id order.
                    partners = partners is null ? m.Partner : partners + ";" + m.Partner;
                    break;
                case ServiceReported m:
                    Remember(m.Report);
                    break;
                case StaffMoved m:
                    if (_provider.Running) _provider.Receive(m);
                    break;
                case JudgementPublished m:
                    _lastJudgement = m.Judgement;
                    if (!_arrangement.RunByTrust()) _provider.Receive(m);
                    else (forward ??= []).Add(m);
                    break;
            }
        }

        if (Month.StartsFinancialYear && _lastOverspend is { } overspend)
        {
            _baseBudget = Budget.Rebase(_baseBudget, overspend, P.Finance);
        }

        if ((goLive || _pendingGoLive == Month) && _provider.Running
            && Arrangements.Apply(_arrangement, ArrangementChange.TrustGoLive) is { Legal: true } live)
        {
            // A trust the scenario names, or the council's own (the one the Department's rules order).
            _trust = goLiveTrust ?? _setup.Trust;
            Send(_trust, new ServiceHandover(_provider.Release(), seconded, ToTrust: true,
                setupCost ?? P.Finance.TrustSetupCost, setupFunding));
            _arrangement = live.To;
            // A council-owned company from the start: no change of ownership to disrupt it later.
            if (companyOwned) _arrangement = Arrangements.Apply(_arrangement, ArrangementChange.CouncilOwnership).To;
            _pendingGoLive = null;
            Event(EventKind.TrustGoLive, _setup.Id, EventKinds.Data(("trust", _trust.Id), ("staff", seconded ? "seconded" : "transferred"), ("council_owned", companyOwned)), "service handed to the trust");
        }
        else if (goLive)
        {
            Refused(EventKind.TrustGoLiveRefused,
                Arrangements.Apply(_arrangement, ArrangementChange.TrustGoLive).Refusal ?? "the service is on its way back to the council");
        }

        if (recall && Arrangements.Apply(_arrangement, ArrangementChange.ReturnInHouse) is { Legal: true } back)
        {
            Send(_trust, new ServiceRecalled());
            _arrangement = back.To;
            Event(EventKind.ReturnInHouse, _setup.Id, EventKinds.Data(("trust", _trust.Id)), "contract ended; service back under council control");
        }
        else if (recall)
        {
            Refused(EventKind.ReturnInHouseRefused, Arrangements.Apply(_arrangement, ArrangementChange.ReturnInHouse).Refusal!);
        }

        // Plain loops: a lambda capturing the month would be a new delegate per council and month.
        var fundingPerYear = 0.0;
        if (_funding is not null)
        {
            for (var i = _funding.Count - 1; i >= 0; i--)
            {
                if (_funding[i].Until <= Month) _funding.RemoveAt(i);
            }
            foreach (var f in _funding) fundingPerYear += f.PerYear;
            if (_funding.Count == 0) _funding = null;
        }
        var improvementCost = partnerFees + fundingPerYear / 12;
        var conditions = new ServiceConditions(
            BudgetPerYear: _baseBudget + improvementCost * 12,
            Challenge: Challenge(),
            PracticeSupport: partnerPractice + P.Finance.SupportPerMillion * fundingPerYear,
            LeadershipSupport: partnerLeadership,
            RecruitmentBoost: partnerRecruitment,
            OverheadShare: _arrangement.RunByTrust() ? P.Finance.TrustOverhead : 0,
            ImprovementCost: improvementCost,
            RunByTrust: _arrangement.RunByTrust(),
            IndependentTrust: _arrangement.Independent());

        // A service the council runs itself takes the conditions and inputs directly (they wait
        // for this month's delivery step, as mail would); a trust gets them by mail.
        var provider = ProviderAddress;
        if (provider == Address)
        {
            _provider.Commission(conditions);
            if (forward is not null)
            {
                foreach (var m in forward) _provider.Receive(m);
            }
        }
        else
        {
            Send(provider, new Commissioned(conditions));
            if (forward is not null)
            {
                foreach (var m in forward) Send(provider, m);
            }
        }
        Record(_area, Metric.InterventionLevel, (int)_level);
        if (_recorded != _arrangement || !string.Equals(_recordedPartner, partners ?? "", StringComparison.Ordinal))
        {
            _recorded = _arrangement;
            _recordedPartner = partners ?? "";
            RecordArrangement(_setup.Id, _arrangement, ProviderAddress.Id, _recordedPartner);
        }
    }

    public override ActorSnapshot Save() => new CouncilSnapshot(
        _provider.Save(), [.. _funding ?? []], [.. (_partnersSeen ?? []).Order(StringComparer.Ordinal)],
        [.. _qualityByMonth], _lastReported, _arrangement, _baseBudget, _level, _scrutinyStrength, _scrutinyLag,
        _lastOverspend, _lastJudgement, _pendingGoLive, _recorded, _recordedPartner, _trust);

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<CouncilSnapshot>(snapshot);
        _provider.Restore(s.Provider);
        _funding = s.Funding.IsEmpty ? null : [.. s.Funding];
        _partnersSeen = s.PartnersSeen.IsEmpty ? null : [.. s.PartnersSeen];
        if (s.QualityByMonth.Length != HistoryLength)
            throw new ArgumentException($"a council's history holds {HistoryLength} months", nameof(snapshot));
        s.QualityByMonth.CopyTo(_qualityByMonth);
        _lastReported = s.LastReported;
        _arrangement = s.Arrangement;
        _baseBudget = s.BaseBudget;
        _level = s.Level;
        _scrutinyStrength = s.ScrutinyStrength;
        _scrutinyLag = s.ScrutinyLag;
        _lastOverspend = s.LastOverspendYearToDate;
        _lastJudgement = s.LastJudgement;
        _pendingGoLive = s.PendingGoLive;
        _recorded = s.Recorded;
        _recordedPartner = s.RecordedPartner;
        _trust = s.Trust;
    }

    private void Deliver(ReadOnlySpan<Envelope> inbox)
    {
        foreach (var envelope in inbox)
        {
            if (envelope.Message is ServiceHandover back)
            {
                _provider.Take(ServiceChanges.ReturnInHouse(back.State, P));
            }
            else
            {
                _provider.Receive(envelope.Message);
            }
        }

        var (random, recordEvent) = Callbacks(_setup.Id);
        if (_provider.Deliver(Month, P, random, recordEvent) is not { } outcome) return;
        RecordService(_area, outcome.Report);
        // The council reads its own report directly; a trust's report reaches it by message next
        // month. Nothing reads the history before next month's commissioning, and remembering is
        // independent of the order of that month's other mail, so both give the same results.
        Remember(outcome.Report);
        var report = new ServiceReported(outcome.Report, Address);
        Send(World.Address.Inspector, report);
        if (_market is { } market) Send(market, report);
    }

    /// <summary>
    /// Challenge to the provider: the council's own scrutiny of what it can see (late and weak under
    /// a contract), combined with the Department's while a notice or direction is in force.
    /// </summary>
    private double Challenge()
    {
        var g = P.Governance;
        var (lag, strength) = Scrutiny.Terms(!_arrangement.RunByTrust(), _scrutinyStrength, _scrutinyLag, g);
        var seen = Scrutiny.Worse(Perceived((int)Math.Round(lag)), Scrutiny.Implied(_lastJudgement, Month, g, P.Inspection));
        return Scrutiny.Combined(Scrutiny.CouncilChallenge(seen, strength, g), Scrutiny.DepartmentChallenge(_level, g));
    }

    private void Remember(ServiceReport report)
    {
        _lastOverspend = report.OverspendYearToDate;
        var m = report.Month.Index;
        if (m > _lastReported)
        {
            // The months since the previous report had none.
            for (var x = Math.Max(_lastReported + 1, m - HistoryLength + 1); x < m; x++) _qualityByMonth[Slot(x)] = double.NaN;
            _lastReported = m;
        }
        // A report older than the window is never read; its slot now belongs to no month.
        _qualityByMonth[Slot(m)] = m > _lastReported - HistoryLength ? report.PracticeQuality : double.NaN;
    }

    private static int Slot(int month) => ((month % HistoryLength) + HistoryLength) % HistoryLength;

    /// <summary>Practice quality as reported <paramref name="lag"/> months ago (the latest report older than that).</summary>
    private double? Perceived(int lag)
    {
        for (var back = Math.Max(1, lag); back < HistoryLength; back++)
        {
            var month = Month.Index - back;
            // Slots of months after the latest report still hold months before it.
            if (month > _lastReported) continue;
            var quality = _qualityByMonth[Slot(month)];
            if (!double.IsNaN(quality)) return quality;
        }
        return null;
    }

    private void Refused(EventKind kind, string why) =>
        Event(kind, _setup.Id, EventKinds.Data(("arrangement", Arrangements.Name(_arrangement))), why);
}
