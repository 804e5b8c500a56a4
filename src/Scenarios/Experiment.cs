using System.Collections.Immutable;
using System.Globalization;
using Simulation.Model.Parameters;

namespace Simulation.Scenarios;

/// <summary>One parameter set an experiment runs: its id (a folder name) and the values it changes.</summary>
public sealed record Variant(string Id, ImmutableArray<VariantValue> Values, ModelParameters Parameters);

/// <summary>A parameter a variant sets, by its dotted key.</summary>
public sealed record VariantValue(string Key, double Value)
{
    public string Text => Value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// The variants a scenario's <c>experiment</c> asks for: a grid or Latin hypercube sweep over named
/// parameters and/or a list of named variants. Every variant runs the scenario's replicates with the
/// scenario's master seed (common random numbers), so differences between variants come from the
/// parameters, not from luck.
/// </summary>
public sealed record Experiment(string Method, ImmutableArray<string> Keys, ImmutableArray<Variant> Variants)
{
    /// <summary>Runs (variant x replicate) above which <c>run</c> asks for <c>--yes-really</c>.</summary>
    public const long ConfirmAbove = 20_000;

    /// <summary>Variants a file may describe at all (a grid larger than this is refused outright).</summary>
    public const int MaxVariants = 100_000;
}
