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
    private const int HistoryLength = CouncilState.HistoryLength;

    private readonly CouncilSetup _setup;
    private readonly int _area;
    private readonly Address? _market;
    // Everything the council carries between months, and its checkpoint.
    private CouncilState _s;
    // The service the council runs itself, working on _s.Provider.
    private ProviderRole _provider;

    public CouncilActor(CouncilSetup setup, WorldSetup world, int replicate)
        : base(setup.Address, world, replicate)
    {
        _setup = setup;
        _area = world.AreaIndex(setup.Id);
        _market = world.MarketOf(setup.Id);
        _s = new CouncilState { Provider = new ProviderState(), Trust = setup.Trust, BaseBudget = setup.Budget };
        _provider = new ProviderRole(_s.Provider);
        _provider.Take(ServiceFactory.Initial(setup, world.Start, P.Practice.InitialSpread, () => Random(setup.Id, RandomStream.InitialState)));
    }

    public Arrangement Arrangement => _s.Arrangement;

    public override PhaseSet Wakes => PhaseSet.Commission | (_provider.Running ? PhaseSet.Deliver : PhaseSet.None);

    private Address ProviderAddress => _s.Arrangement.RunByTrust() ? _s.Trust : Address;

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
                    _s.BaseBudget = Budget.Changed(_s.BaseBudget, m.AmountPerYear);
                    Event(EventKind.BudgetChanged, _setup.Id, EventKinds.Data(("amount_per_year", m.AmountPerYear)), "the base budget for the service changes");
                    break;
                case ImprovementFunded m:
                    // A scripted plan is the council's plan: it replaces one the model set off.
                    _s.Funding?.RemoveAll(f => f.AfterJudgement);
                    (_s.Funding ??= []).Add(new CouncilFunding(m.AmountPerYear, Month + m.Months));
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
                    // An order while a trust already runs the service changes nothing, and sets no go-live.
                    if (Arrangements.Apply(_s.Arrangement, ArrangementChange.TrustOrder) is { Legal: true } ordered)
                    {
                        _s.Arrangement = ordered.To;
                        _s.PendingGoLive = m.GoLive ?? _s.PendingGoLive;
                    }
                    break;
                case TrustOwnershipChanged m:
                    if (Arrangements.Apply(_s.Arrangement, ArrangementChange.CouncilOwnership) is { Legal: true } owned)
                    {
                        _s.Arrangement = owned.To;
                        (forward ??= []).Add(m);
                        Event(EventKind.CouncilOwnership, _setup.Id, EventKinds.Data(("trust", _s.Trust.Id)), "the trust passes into the council's ownership, operationally separate");
                    }
                    else Refused(EventKind.CouncilOwnershipRefused, ArrangementChange.CouncilOwnership);
                    break;
                case ScrutinyStrengthened m:
                    _s.ScrutinyStrength = m.Strength;
                    _s.ScrutinyLag = m.LagMonths;
                    Event(EventKind.ScrutinyChanged, _setup.Id, EventKinds.Data(("strength", m.Strength), ("lag_months", m.LagMonths)), "the council's scrutiny of the contracted service changes");
                    break;
                case ReturnInHouse:
                    recall = true;
                    break;
                case Milestone m:
                    Event(EventKind.Milestone, _setup.Id, EventKinds.Data(("id", m.Name)), m.Detail);
                    break;
                case InterventionChanged m:
                    if (m.Level > _s.Level)
                    {
                        (forward ??= []).Add(new Disrupted(P.Governance.InterventionDisruption, "intervention"));
                    }
                    _s.Level = m.Level;
                    break;
                case PartnerSupport m:
                    if ((_s.PartnersSeen ??= new(StringComparer.Ordinal)).Add(m.Partner))
                    {
                        (forward ??= []).Add(new Disrupted(P.Governance.PartnerStartDisruption, "partner start"));
                    }
                    partnerLeadership += m.Leadership;
                    partnerPractice += m.Practice;
                    partnerRecruitment += m.Recruitment;
                    partnerFees += m.Fee;
                    // Mail comes in sender order, so several partners are listed in id order.
                    if (partners is null) partners = m.Partner;
                    else if (!partners.Split(';').Contains(m.Partner, StringComparer.Ordinal)) partners += ";" + m.Partner;
                    break;
                case ServiceReported m:
                    Remember(m.Report);
                    break;
                case StaffMoved m:
                    if (_provider.Running) _provider.Receive(m);
                    break;
                case JudgementPublished m:
                    _s.LastJudgement = m.Judgement;
                    if (m.Judgement.Overall == Grade.Inadequate) ImprovementPlan();
                    if (!_s.Arrangement.RunByTrust()) _provider.Receive(m);
                    else (forward ??= []).Add(m);
                    break;
            }
        }

        if (Month.StartsFinancialYear && _s.LastOverspend is { } overspend)
        {
            _s.BaseBudget = Budget.Rebase(_s.BaseBudget, overspend, P.Finance, Month.Year);
        }

        if ((goLive || _s.PendingGoLive == Month) && _provider.Running
            && Arrangements.Apply(_s.Arrangement, ArrangementChange.TrustGoLive) is { Legal: true } live)
        {
            // A trust the scenario names, or the council's own (the one the Department's rules order).
            _s.Trust = goLiveTrust ?? _setup.Trust;
            Send(_s.Trust, new ServiceHandover(_provider.Release(), seconded, ToTrust: true,
                setupCost ?? P.Finance.TrustSetupCost, setupFunding));
            _s.Arrangement = live.To;
            // A council-owned company from the start: no change of ownership to disrupt it later.
            if (companyOwned) _s.Arrangement = Arrangements.Apply(_s.Arrangement, ArrangementChange.CouncilOwnership).To;
            _s.PendingGoLive = null;
            Event(EventKind.TrustGoLive, _setup.Id, EventKinds.Data(("trust", _s.Trust.Id), ("staff", seconded ? "seconded" : "transferred"), ("council_owned", companyOwned)), "service handed to the trust");
        }
        else if (goLive)
        {
            Refused(EventKind.TrustGoLiveRefused, ArrangementChange.TrustGoLive);
        }

        if (recall && Arrangements.Apply(_s.Arrangement, ArrangementChange.ReturnInHouse) is { Legal: true } back)
        {
            Send(_s.Trust, new ServiceRecalled());
            _s.Arrangement = back.To;
            Event(EventKind.ReturnInHouse, _setup.Id, EventKinds.Data(("trust", _s.Trust.Id)), "contract ended; service back under council control");
        }
        else if (recall)
        {
            Refused(EventKind.ReturnInHouseRefused, ArrangementChange.ReturnInHouse);
        }

        // Plain loops: a lambda capturing the month would be a new delegate per council and month.
        // Scripted funding supports practice by its size in GBP m; the plan an inadequate judgement
        // sets off by a support of its own, whatever the council's size (its cost scales with the budget).
        var fundingPerYear = 0.0;
        var scriptedPerYear = 0.0;
        var planSupport = 0.0;
        if (_s.Funding is not null)
        {
            for (var i = _s.Funding.Count - 1; i >= 0; i--)
            {
                if (_s.Funding[i].Until <= Month) _s.Funding.RemoveAt(i);
            }
            foreach (var f in _s.Funding)
            {
                fundingPerYear += f.PerYear;
                if (f.AfterJudgement) planSupport = P.Governance.ImprovementPlanSupport;
                else scriptedPerYear += f.PerYear;
            }
            if (_s.Funding.Count == 0) _s.Funding = null;
        }
        var improvementCost = partnerFees + fundingPerYear / 12;
        var conditions = new ServiceConditions(
            BudgetPerYear: _s.BaseBudget + improvementCost * 12,
            Challenge: Challenge(),
            PracticeSupport: partnerPractice + P.Finance.SupportPerMillion * scriptedPerYear + planSupport,
            LeadershipSupport: partnerLeadership,
            RecruitmentBoost: partnerRecruitment,
            OverheadShare: _s.Arrangement.RunByTrust() ? P.Finance.TrustOverhead : 0,
            ImprovementCost: improvementCost,
            RunByTrust: _s.Arrangement.RunByTrust(),
            IndependentTrust: _s.Arrangement.Independent());

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
        Record(_area, Metric.InterventionLevel, (int)_s.Level);
        if (_s.Recorded != _s.Arrangement || !string.Equals(_s.RecordedPartner, partners ?? "", StringComparison.Ordinal))
        {
            _s.Recorded = _s.Arrangement;
            _s.RecordedPartner = partners ?? "";
            RecordArrangement(_setup.Id, _s.Arrangement, ProviderAddress.Id, _s.RecordedPartner);
        }
    }

    public override ActorSnapshot Save() => _s.Copy();

    public override void Restore(ActorSnapshot snapshot)
    {
        var s = Expect<CouncilState>(snapshot);
        if (s.QualityByMonth.Length != HistoryLength)
            throw new ArgumentException($"a council's history holds {HistoryLength} months", nameof(snapshot));
        _s = s.Copy();
        _provider = new ProviderRole(_s.Provider);
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
    /// The improvement effort an inadequate judgement sets off (an action plan the council funds;
    /// NATIONAL.md), whoever runs the service: <c>improvement_plan_share</c> of the base budget a
    /// year for <c>improvement_plan_months</c>, supporting practice by <c>improvement_plan_support</c>
    /// while it runs; it replaces a plan of the kind still running.
    /// </summary>
    private void ImprovementPlan()
    {
        var g = P.Governance;
        if (g.ImprovementPlanShare <= 0) return;
        var perYear = g.ImprovementPlanShare * _s.BaseBudget;
        var months = (int)Math.Round(g.ImprovementPlanMonths);
        _s.Funding?.RemoveAll(f => f.AfterJudgement);
        (_s.Funding ??= []).Add(new CouncilFunding(perYear, Month + months) { AfterJudgement = true });
        Event(EventKind.ImprovementFunded, _setup.Id, EventKinds.Data(("amount_per_year", perYear), ("months", months)), "the council funds an improvement plan after an inadequate judgement");
    }

    /// <summary>
    /// Challenge to the provider: the council's own scrutiny of what it can see (late and weak under
    /// a contract), combined with the Department's while a notice or direction is in force.
    /// </summary>
    private double Challenge()
    {
        var g = P.Governance;
        var (lag, strength) = Scrutiny.Terms(!_s.Arrangement.RunByTrust(), _s.ScrutinyStrength, _s.ScrutinyLag, g);
        var seen = Scrutiny.Worse(Perceived((int)Math.Round(lag)), Scrutiny.Implied(_s.LastJudgement, Month, g, P.Inspection));
        return Scrutiny.Combined(Scrutiny.CouncilChallenge(seen, strength, g), Scrutiny.DepartmentChallenge(_s.Level, g));
    }

    private void Remember(ServiceReport report)
    {
        _s.LastOverspend = report.OverspendYearToDate;
        var m = report.Month.Index;
        if (m > _s.LastReported)
        {
            // The months since the previous report had none.
            for (var x = Math.Max(_s.LastReported + 1, m - HistoryLength + 1); x < m; x++) _s.QualityByMonth[Slot(x)] = double.NaN;
            _s.LastReported = m;
        }
        // A report older than the window is never read; its slot now belongs to no month.
        _s.QualityByMonth[Slot(m)] = m > _s.LastReported - HistoryLength ? report.PracticeQuality : double.NaN;
    }

    private static int Slot(int month) => ((month % HistoryLength) + HistoryLength) % HistoryLength;

    /// <summary>Practice quality as reported <paramref name="lag"/> months ago (the latest report older than that).</summary>
    private double? Perceived(int lag)
    {
        for (var back = Math.Max(1, lag); back < HistoryLength; back++)
        {
            var month = Month.Index - back;
            // Slots of months after the latest report still hold months before it.
            if (month > _s.LastReported) continue;
            var quality = _s.QualityByMonth[Slot(month)];
            if (!double.IsNaN(quality)) return quality;
        }
        return null;
    }

    /// <summary>Records a scripted change the council could not make, with the machine's reason.</summary>
    private void Refused(EventKind kind, ArrangementChange change) =>
        Event(kind, _setup.Id, EventKinds.Data(("arrangement", Arrangements.Name(_s.Arrangement))),
            Arrangements.Apply(_s.Arrangement, change).Refusal ?? "the service is on its way back to the council");
}
