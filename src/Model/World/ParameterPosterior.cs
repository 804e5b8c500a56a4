using System.Collections.Immutable;
using Simulation.Model.Parameters;

namespace Simulation.Model.World;

/// <summary>How the replicates of a run with a calibration posterior choose their parameters.</summary>
public enum PosteriorMode
{
    /// <summary>Each replicate draws a particle with probability proportional to its weight (parameter uncertainty).</summary>
    Draw,

    /// <summary>Every replicate runs the particle with the smallest distance (ties: the lowest particle id).</summary>
    Best,
}

/// <summary>
/// The particles of a calibration posterior as the model runs them: for each particle its id (the
/// file's <c>particle</c> column), weight, distance and the complete parameter set it stands for
/// (the scenario's parameters with the posterior's values in place of its own). All four arrays
/// are in the file's order and of the same length.
/// </summary>
public sealed record ParameterPosterior(
    ImmutableArray<int> Particles,
    ImmutableArray<double> Weights,
    ImmutableArray<double> Distances,
    ImmutableArray<ModelParameters> Sets,
    PosteriorMode Mode = PosteriorMode.Draw)
{
    /// <summary>Where the particle with the smallest distance stands (ties: the lowest particle id).</summary>
    public int BestIndex()
    {
        var best = 0;
        for (var i = 1; i < Particles.Length; i++)
        {
            if (Distances[i] < Distances[best] || (Distances[i] == Distances[best] && Particles[i] < Particles[best])) best = i;
        }
        return best;
    }

    /// <summary>
    /// Where the particle of a replicate stands: with <see cref="PosteriorMode.Best"/> the best one;
    /// with <see cref="PosteriorMode.Draw"/> a draw by weight with one uniform number <paramref name="u"/>
    /// in [0, 1), by the cumulative weights in the file's order.
    /// </summary>
    public int IndexFor(double u)
    {
        if (Mode == PosteriorMode.Best) return BestIndex();
        var total = 0.0;
        foreach (var w in Weights) total += w;
        var target = u * total;
        var cumulative = 0.0;
        for (var i = 0; i < Weights.Length; i++)
        {
            cumulative += Weights[i];
            if (target < cumulative) return i;
        }
        // u * total rounds up to the total only through floating point: the last particle with weight.
        return Weights.Length - 1;
    }
}
