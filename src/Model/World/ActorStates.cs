using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World;

// Each actor's state, one record per kind: the actor works on it in place, and a deep copy of it is
// the actor's checkpoint (Save and Restore copy it whole). Collections that most actors never use
// stay null until first use: there is an actor per replicate and entity.

/// <summary>A service held by a provider (a council in-house, or a trust), with what it was told for its next step.</summary>
public sealed record ProviderState
{
    /// <summary>The service while this provider runs it (a value, replaced each month); null when it runs none.</summary>
    public ServiceState? Service { get; set; }

    /// <summary>This month's conditions from the council, until the step uses them.</summary>
    public ServiceConditions? Conditions { get; set; }

    /// <summary>Changes to apply at the next step, in the order they arrived.</summary>
    public List<IMessage> Pending { get; set; } = [];

    public ProviderState Copy() => this with { Pending = [.. Pending] };
}

/// <summary>A council: its service when it runs it, its arrangement, budget, scrutiny and what it knows.</summary>
public sealed record CouncilState : ActorSnapshot
{
    /// <summary>Longer than the longest scrutiny lag (36 months, the parameter bounds) plus a margin.</summary>
    public const int HistoryLength = 40;

    public required ProviderState Provider { get; set; }

    /// <summary>Improvement funding in force (null when none).</summary>
    public List<CouncilFunding>? Funding { get; set; }

    /// <summary>The partners that have supported it, whose start has disrupted the service once (null when none).</summary>
    public SortedSet<string>? PartnersSeen { get; set; }

    /// <summary>
    /// Practice quality as reported, by month modulo <see cref="HistoryLength"/>, NaN for a month
    /// without a report; valid up to <see cref="LastReported"/>.
    /// </summary>
    public double[] QualityByMonth { get; set; } = Enumerable.Repeat(double.NaN, HistoryLength).ToArray();

    public int LastReported { get; set; } = int.MinValue;

    public Arrangement Arrangement { get; set; }

    /// <summary>The trust that runs the service, or ran it last; the council's own until a go-live names another.</summary>
    public required Address Trust { get; set; }

    public double BaseBudget { get; set; }

    public InterventionLevel Level { get; set; }

    /// <summary>A scripted change of the contract's scrutiny (null: the parameters').</summary>
    public double? ScrutinyStrength { get; set; }

    public double? ScrutinyLag { get; set; }

    /// <summary>The overspend so far this financial year in the latest report, for next year's budget.</summary>
    public double? LastOverspend { get; set; }

    public Judgement? LastJudgement { get; set; }

    /// <summary>The go-live month of a trust order, until the trust goes live.</summary>
    public Month? PendingGoLive { get; set; }

    /// <summary>What arrangements.csv last said of this council: a row is written when either changes.</summary>
    public Arrangement? Recorded { get; set; }

    public string RecordedPartner { get; set; } = "";

    public CouncilState Copy() => this with
    {
        Provider = Provider.Copy(),
        Funding = Funding is null ? null : [.. Funding],
        PartnersSeen = PartnersSeen is null ? null : new SortedSet<string>(PartnersSeen, StringComparer.Ordinal),
        QualityByMonth = [.. QualityByMonth],
    };
}

/// <summary>Extra funding a council receives, a year's amount, until a month.</summary>
public readonly record struct CouncilFunding(double PerYear, Month Until)
{
    /// <summary>Set off by an inadequate judgement (<c>governance.improvement_plan_share</c>), not scripted.</summary>
    public bool AfterJudgement { get; init; }
}

/// <summary>
/// A trust: the service of each council it runs, in the ordinal order of the councils' ids (the
/// order they step in). A list, not a dictionary: a trust runs a few services, and a list is walked
/// each month without allocating.
/// </summary>
public sealed record TrustState : ActorSnapshot
{
    public List<TrustService> Services { get; set; } = [];

    public TrustState Copy() => this with { Services = [.. Services.Select(s => s with { Provider = s.Provider.Copy() })] };

    /// <summary>The service of <paramref name="council"/>, if the trust runs it.</summary>
    public ProviderState? Find(string council)
    {
        foreach (var s in Services)
        {
            if (string.Equals(s.Council, council, StringComparison.Ordinal)) return s.Provider;
        }
        return null;
    }

    /// <summary>Adds (or replaces) the service of <paramref name="council"/>, keeping the order.</summary>
    public void Add(string council, ProviderState provider)
    {
        Services.RemoveAll(s => string.Equals(s.Council, council, StringComparison.Ordinal));
        var at = Services.FindIndex(s => string.CompareOrdinal(s.Council, council) > 0);
        Services.Insert(at < 0 ? Services.Count : at, new TrustService(council, provider));
    }

    /// <summary>Removes the service of <paramref name="council"/> and returns it, if the trust ran it.</summary>
    public ProviderState? Remove(string council)
    {
        var at = Services.FindIndex(s => string.Equals(s.Council, council, StringComparison.Ordinal));
        if (at < 0) return null;
        var provider = Services[at].Provider;
        Services.RemoveAt(at);
        return provider;
    }
}

/// <summary>One council's service in a trust.</summary>
public sealed record TrustService(string Council, ProviderState Provider);

/// <summary>The inspector: each council's next inspection by the cadence rules, and a pause in force.</summary>
public sealed record InspectorState : ActorSnapshot
{
    /// <summary>By council, in the ordinal order of council ids (null: none due by cadence).</summary>
    public Month?[] NextByCadence { get; set; } = [];

    public Month? PauseStart { get; set; }

    public Month? PauseEnd { get; set; }

    public InspectorState Copy() => this with { NextByCadence = [.. NextByCadence] };
}

/// <summary>The Department: its oversight of each council, by council id.</summary>
public sealed record DepartmentState : ActorSnapshot
{
    public SortedDictionary<string, Oversight> Councils { get; set; } = new(StringComparer.Ordinal);

    public DepartmentState Copy() => this with { Councils = new(Councils, StringComparer.Ordinal) };
}

/// <summary>An improvement partner: its contracts in force.</summary>
public sealed record PartnerState : ActorSnapshot
{
    public List<PartnerContract> Contracts { get; set; } = [];

    public PartnerState Copy() => this with { Contracts = [.. Contracts] };
}

/// <summary>A regional market keeps nothing between months: it works on the month's reports.</summary>
public sealed record RegionState : ActorSnapshot;
