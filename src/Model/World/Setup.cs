using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Parameters;
using Simulation.Model.Randomness;
using Simulation.Model.Time;

namespace Simulation.Model.World;

/// <summary>Declares a setting of a council's starting state: its unit, range and meaning.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class SettingAttribute(string unit, double min, double max) : Attribute
{
    public string Unit { get; } = unit;
    public double Min { get; } = min;
    public double Max { get; } = max;
    public required string Description { get; init; }
}

/// <summary>
/// A council and its children's services as the run starts. Defaults describe a middling English
/// authority of about 60,000 children; scenarios set their own.
/// </summary>
public sealed record CouncilSetup
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The region whose labour market the council recruits from (empty: a market of its own).</summary>
    public string Region { get; init; } = "";

    [Setting("children aged 0-17", 1_000, 2_000_000, Description = "Child population at the start.")]
    public double Children { get; init; } = 60_000;

    [Setting("per 10,000 children per year", 50, 3_000, Description = "Referrals to children's social care.")]
    public double ReferralRate { get; init; } = 540;

    [Setting("children", 0, 200_000, Description = "Open child-in-need cases, excluding plans and children in care.")]
    public double ChildrenInNeed { get; init; } = 1_600;

    [Setting("children", 0, 50_000, Description = "Children on child protection plans.")]
    public double ChildProtectionPlans { get; init; } = 250;

    [Setting("children", 0, 50_000, Description = "Children in care.")]
    public double ChildrenInCare { get; init; } = 420;

    [Setting("FTE", 1, 20_000, Description = "Funded case-holding social-work posts.")]
    public double Establishment { get; init; } = 150;

    [Setting("FTE", 0, 20_000, Description = "Permanent case-holding social workers in post.")]
    public double SocialWorkers { get; init; } = 126;

    [Setting("FTE", 0, 20_000, Description = "Agency social workers.")]
    public double AgencyWorkers { get; init; } = 20;

    [Setting("years", 0, 40, Description = "Mean years in the service of permanent social workers.")]
    public double MeanTenureYears { get; init; } = 5;

    [Setting("share of cases with good practice", 0, 1, Description = "Practice quality.")]
    public double PracticeQuality { get; init; } = 0.6;

    [Setting("index 0-1", 0, 1, Description = "Organisational culture (0 failure and disillusion, 1 learning and improvement).")]
    public double Culture { get; init; } = 0.55;

    [Setting("index 0-1", 0, 1, Description = "Quality of the senior leadership.")]
    public double LeadershipQuality { get; init; } = 0.55;

    [Setting("months", 0, 600, Description = "How long the director has been in post.")]
    public double DirectorMonthsInPost { get; init; } = 36;

    [Setting("index 0-1", 0, 1, Description = "Reputation among social workers (0.1 inadequate, 0.45 adequate, 0.75 good, 1 outstanding).")]
    public double Reputation { get; init; } = 0.5;

    [Setting("GBP m per year", 0.1, 10_000, Description = "Budget for the children's social care service.")]
    public double Budget { get; init; } = 27;

    [Setting("share", 0, 1, Description = "Accuracy of case records (1 accurate).")]
    public double RecordsAccuracy { get; init; } = 1;

    /// <summary>When this council's inspections happen (fixed months, the cadence rules, or both).</summary>
    public InspectionPlan Inspections { get; init; } = InspectionPlan.Cadence;

    public Address Address => Address.Council(Id);

    /// <summary>The council's own trust: the one a trust order of the Department's rules creates, and a go-live naming no trust.</summary>
    public Address Trust => Address.TrustOf(Id);
}

/// <summary>
/// A trust or company a scenario declares so that several councils can use it (Achieving for
/// Children served Kingston and Richmond from 2014 and Windsor and Maidenhead from 2017). It exists
/// from <see cref="From"/>; councils join it by a go-live naming it.
/// </summary>
public sealed record TrustSetup(string Id, string Name, Month From)
{
    public Address Address => new(EntityKind.Trust, Id);
}

/// <summary>
/// An inspection fixed to a month; its framework defaults to the one in force then. With
/// <see cref="Observed"/>, the run is conditioned on the judgement history recorded for it: the
/// inspection publishes that judgement, and the replicate's weight for the council is multiplied by
/// the probability the simulated service had of getting its overall grade (docs/ODD.md,
/// "Conditioning on the record").
/// </summary>
public sealed record PlannedInspection(Month Month, Framework? Framework, Judgement? Observed = null);

/// <summary>
/// Fixed inspection months (to compare with history), the cadence rules (for counterfactuals), or
/// fixed months followed by the cadence rules. With <see cref="CadenceBefore"/>, inspections by
/// the cadence rules also happen before the fixed months, as long as they fall before that month
/// (a record that starts with the single inspection framework, and the yearly assessments before it).
/// </summary>
public sealed record InspectionPlan(ImmutableArray<PlannedInspection> Fixed, bool CadenceAfterFixed, Month? CadenceBefore = null)
{
    public static InspectionPlan Cadence { get; } = new([], true);
}

/// <summary>An improvement partner that councils can contract.</summary>
public sealed record PartnerSetup(string Id, string Name)
{
    public Address Address => Address.Partner(Id);
}

/// <summary>A scripted input: on <see cref="Month"/>, <see cref="Message"/> reaches <see cref="To"/>.</summary>
public sealed record ScheduledInput(string EventId, Month Month, Address To, IMessage Message);

/// <summary>Whether the Department follows its rules after judgements or only the scenario's dated decisions.</summary>
public enum DepartmentMode
{
    Scripted,
    Rules,
}

/// <summary>Everything needed to build a world: the scenario as the model sees it.</summary>
public sealed record WorldSetup
{
    public required string Scenario { get; init; }
    public required long Seed { get; init; }
    public required int Replicates { get; init; }
    public required Month Start { get; init; }
    public required Month End { get; init; }
    public ModelParameters Parameters { get; init; } = ModelParameters.Default;

    /// <summary>
    /// A calibration posterior the replicates take their parameters from (<c>posterior</c> in a
    /// scenario), or null: every replicate runs <see cref="Parameters"/>.
    /// </summary>
    public ParameterPosterior? Posterior { get; init; }
    public required ImmutableArray<CouncilSetup> Councils { get; init; }
    public ImmutableArray<PartnerSetup> Partners { get; init; } = [];

    /// <summary>Trusts the scenario declares by name, beside each council's own (<see cref="CouncilSetup.Trust"/>).</summary>
    public ImmutableArray<TrustSetup> Trusts { get; init; } = [];
    public ImmutableArray<ScheduledInput> Inputs { get; init; } = [];
    public DepartmentMode DepartmentMode { get; init; } = DepartmentMode.Rules;

    /// <summary>
    /// For a run conditioned on a judgement record: its cutoff. Up to it the Department's rules
    /// order no trust (the record lists every trust order; docs/ODD.md, section 7.9).
    /// </summary>
    public Month? ObservedUntil { get; init; }

    private readonly int _blockSize;

    /// <summary>
    /// Replicates held by one grain: a block of replicates, which advances on its own. Results do not
    /// depend on it; speed does. Set (the scenario's <c>replicates_per_grain</c>), or 0 for
    /// automatic: as the process that starts the run fixes it for the cores it has with
    /// <see cref="WithBlocksFor"/> (a cluster's client for all its silos' cores, a direct run on
    /// every thread for this machine's; the size travels with the setup), and otherwise the fewest
    /// blocks (<see cref="AutomaticBlockSize"/> for one core), so a setup never depends on the
    /// machine that reads it.
    /// </summary>
    public int ShardSize
    {
        get => _blockSize > 0 ? _blockSize : AutomaticBlockSize(Replicates, 1);
        init => _blockSize = value;
    }

    /// <summary>The most replicates a block holds unless the scenario says otherwise: large enough that a grain call carries many council-months of work.</summary>
    public const int MaxAutomaticBlockSize = 50;

    /// <summary>
    /// As few blocks as keep every core busy: one per core, or more when a block would exceed
    /// <see cref="MaxAutomaticBlockSize"/>, then rounded up to whole rounds of the cores so none
    /// idles at the end. Every grain call (and every direct step) has a fixed cost, so fewer,
    /// larger blocks cost less per council-month (docs/PERFORMANCE.md). Results never depend on it.
    /// </summary>
    public static int AutomaticBlockSize(int replicates, int cores)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replicates);
        cores = Math.Max(1, cores);
        var blocks = Math.Max(cores, (replicates + MaxAutomaticBlockSize - 1) / MaxAutomaticBlockSize);
        blocks = Math.Min(replicates, (blocks + cores - 1) / cores * cores);
        return (replicates + blocks - 1) / blocks;
    }

    /// <summary>This setup with its automatic block size fixed for <paramref name="cores"/> cores; unchanged if the scenario set one.</summary>
    public WorldSetup WithBlocksFor(int cores) => _blockSize > 0 ? this : this with { ShardSize = AutomaticBlockSize(Replicates, cores) };

    public int Months => End.MonthsSince(Start) + 1;

    /// <summary>
    /// The parameters replicate <paramref name="replicate"/> runs: <see cref="Parameters"/> without a
    /// posterior, otherwise its particle's set (<see cref="ParticleIndexFor"/>). A pure function of
    /// the setup and the replicate, so it does not depend on blocks, silos or threads.
    /// </summary>
    public ModelParameters ParametersFor(int replicate) =>
        Posterior is { } posterior ? posterior.Sets[ParticleIndexFor(replicate)] : Parameters;

    /// <summary>
    /// Where the particle replicate <paramref name="replicate"/> runs stands in <see cref="Posterior"/>
    /// (-1 without one). Drawn by weight from the replicate's own counter-based stream
    /// (<see cref="RandomStream.Posterior"/>, keyed by the seed and the replicate alone), so raising
    /// the replicates leaves the earlier replicates' particles as they were.
    /// </summary>
    public int ParticleIndexFor(int replicate)
    {
        if (Posterior is not { } posterior) return -1;
        if (posterior.Mode == PosteriorMode.Best) return posterior.BestIndex();
        var key = RandomKey.For(RandomKey.ForReplicate(Seed, replicate), PosteriorEntity, 0, RandomStream.Posterior);
        return posterior.IndexFor(new CounterRandom(key).NextDouble());
    }

    private static readonly ulong PosteriorEntity = StableHash.Of("posterior");

    public int Shards => (Replicates + ShardSize - 1) / ShardSize;

    public (int First, int Count) ShardRange(int shard)
    {
        var first = shard * ShardSize;
        return (first, Math.Min(ShardSize, Replicates - first));
    }

    /// <summary>
    /// Where the council <paramref name="id"/> stands in <see cref="Councils"/>: how metric values
    /// name their area. Computed once per setup instance.
    /// </summary>
    public int AreaIndex(string id) =>
        AreaIndexes().TryGetValue(id, out var i) ? i : throw new ArgumentException($"no council '{id}' in the setup", nameof(id));

    /// <summary>
    /// Every council's <see cref="AreaIndex"/>, one table per setup instance shared by all its
    /// actors (a table per actor would cost megabytes in a large run).
    /// </summary>
    public IReadOnlyDictionary<string, int> AreaIndexes() =>
        AreaIndexTables.GetValue(this, static s => s.Councils.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorldSetup, Dictionary<string, int>> AreaIndexTables = [];

    /// <summary>Every entity of the world, in address order.</summary>
    public IEnumerable<Address> Entities()
    {
        var all = new List<Address> { Address.Department, Address.Inspector };
        all.AddRange(Partners.Select(p => p.Address));
        all.AddRange(Councils.Select(c => c.Address));
        all.AddRange(Councils.Select(c => c.Trust));
        all.AddRange(Trusts.Select(t => t.Address));
        all.AddRange(Regions().Select(Address.Region));
        all.Sort();
        return all;
    }

    /// <summary>Regions with a labour market of their own: those holding two or more councils.</summary>
    public IEnumerable<string> Regions() =>
        Councils.Where(c => c.Region.Length > 0).GroupBy(c => c.Region).Where(g => g.Count() > 1).Select(g => g.Key).Order(StringComparer.Ordinal);

    /// <summary>The labour market a council's staff move within, if its region has one (one table per setup instance).</summary>
    public Address? MarketOf(string councilId) =>
        MarketTables.GetValue(this, static s => s.Councils.ToDictionary(
            c => c.Id,
            c => c.Region.Length > 0 && s.Councils.Count(o => o.Region == c.Region) > 1 ? Address.Region(c.Region) : (Address?)null,
            StringComparer.Ordinal)).GetValueOrDefault(councilId);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<WorldSetup, Dictionary<string, Address?>> MarketTables = [];
}
