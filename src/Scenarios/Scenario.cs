using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;

namespace Simulation.Scenarios;

/// <summary>A dated event as the scenario file states it, kept for reports and events.csv context.</summary>
public sealed record ScenarioEvent(
    string Id, Month Month, string Type, string? Council, string? Source, string? Note,
    string? Trust = null, Month? GoLive = null, bool CouncilOwned = false);

/// <summary>
/// A judgement as history records it, for comparison only (plots and reports): never an input to
/// the model, which never sees it.
/// </summary>
public sealed record DocumentedJudgement(string Council, Month Month, Simulation.Model.Inspection.Grade Overall, string Source);

/// <summary>A loaded, validated scenario file and the world it describes.</summary>
public sealed record Scenario(
    string Name,
    string Description,
    string Path,
    string Sha256,
    WorldSetup Setup,
    ImmutableArray<ScenarioEvent> Events,
    ImmutableArray<Yaml.ScenarioInput> Inputs,
    Experiment? Experiment = null)
{
    /// <summary>Documented judgements to overlay on the figures (<c>documented_judgements</c>); never model inputs.</summary>
    public ImmutableArray<DocumentedJudgement> Documented { get; init; } = [];

    /// <summary>The judgement record the run is conditioned on (<c>observed</c>), or null: judgements only emerge.</summary>
    public ObservedRecord? Observed { get; init; }

    /// <summary>The same scenario conditioned on its record up to <paramref name="until"/> instead (a backtest's cutoff).</summary>
    public Scenario WithObservedUntil(Month until) =>
        ConditionedOn((Observed ?? throw new InvalidOperationException("the scenario names no observed judgements")) with { Until = until });

    /// <summary>The scenario conditioned on <paramref name="observed"/>: its councils' plans (<see cref="ScenarioLoader.Condition"/>) and its cutoff.</summary>
    public Scenario ConditionedOn(ObservedRecord observed) =>
        this with { Observed = observed, Setup = Setup with { Councils = ScenarioLoader.Condition(Setup.Councils, observed), ObservedUntil = observed.Until } };

    /// <summary>
    /// The scenario as a forecast made at <paramref name="cutoff"/> runs it (a backtest): conditioned
    /// on the record up to the cutoff, and without the dated events about a council after it (the
    /// recorded trusts, partners and interventions that were not yet known). National events and the
    /// months of later inspections stay: the only later information a backtest uses.
    /// </summary>
    public Scenario ForecastFrom(Month cutoff)
    {
        var conditioned = WithObservedUntil(cutoff);
        var later = Events.Where(e => e.Council is not null && e.Month > cutoff).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return conditioned with
        {
            Events = [.. Events.Where(e => !later.Contains(e.Id))],
            Setup = conditioned.Setup with { Inputs = [.. Setup.Inputs.Where(i => !later.Contains(i.EventId))] },
        };
    }

    /// <summary>
    /// The scenario with its judgements left to emerge (no recorded judgement imposed, no trust
    /// order held back), its record kept for comparison and the recorded months still fixed: what
    /// a calibration on the record's patterns runs.
    /// </summary>
    public Scenario Unconditioned()
    {
        if (Observed is null) return this;
        var councils = Setup.Councils.Select(c => c with
        {
            Inspections = c.Inspections with { Fixed = [.. c.Inspections.Fixed.Select(f => f with { Observed = null })] },
        });
        return this with { Setup = Setup with { Councils = [.. councils], ObservedUntil = null } };
    }

    /// <summary>The calibration posterior the replicates draw their parameters from (<c>posterior</c>), or null.</summary>
    public PosteriorFile? Posterior { get; init; }

    /// <summary>The scenario with its replicates taking their parameters from <paramref name="posterior"/> (its values over the scenario's).</summary>
    public Scenario WithPosterior(PosteriorFile posterior, PosteriorMode mode) =>
        this with { Posterior = posterior, Setup = Setup with { Posterior = posterior.Over(Setup.Parameters, mode) } };

    /// <summary>The same posterior chosen from another way (<c>run --posterior-mode</c>).</summary>
    public Scenario WithPosteriorMode(PosteriorMode mode) =>
        Setup.Posterior is { } p ? this with { Setup = Setup with { Posterior = p with { Mode = mode } } }
            : throw new InvalidOperationException("the scenario names no posterior");

    /// <summary>How many variants run: those of the experiment, or the scenario itself.</summary>
    public int VariantCount => Experiment?.Variants.Length ?? 1;

    /// <summary>Simulated histories the file asks for: variants x replicates.</summary>
    public long Runs => (long)VariantCount * Setup.Replicates;

    /// <summary>The scenario as one variant of its experiment runs it.</summary>
    /// <remarks>With a posterior, each particle is the variant's parameters with the posterior's values, and then the variant's own values again: what a variant sets wins.</remarks>
    public Scenario ForVariant(Variant variant) => this with
    {
        Setup = Setup with
        {
            Parameters = variant.Parameters,
            Posterior = Posterior is null || Setup.Posterior is null ? Setup.Posterior : Posterior.Over(variant.Parameters, Setup.Posterior.Mode, variant.Values),
        },
    };

    /// <summary>The same scenario with a different seed and/or replicate count (command-line overrides).</summary>
    public Scenario With(long? seed, int? replicates) => this with
    {
        Setup = Setup with
        {
            Seed = seed ?? Setup.Seed,
            Replicates = replicates ?? Setup.Replicates,
        },
    };
}
