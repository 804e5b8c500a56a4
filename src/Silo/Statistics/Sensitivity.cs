namespace Simulation.Silo.Statistics;

/// <summary>A factor of a sensitivity analysis and the range it is varied over (uniformly).</summary>
public sealed record SensitivityFactor(string Name, double Low, double High)
{
    /// <summary>The factor's value at <paramref name="u"/> in [0, 1], kept inside [Low, High] against rounding.</summary>
    public double At(double u) => Math.Clamp(Low + u * (High - Low), Low, High);
}

/// <summary>Checks and helpers the sensitivity designs and analyses share.</summary>
internal static class Sensitivity
{
    /// <summary>Throws unless there is at least one factor, each named once with a finite range High &gt; Low.</summary>
    public static void Check(IReadOnlyList<SensitivityFactor> factors)
    {
        if (factors.Count == 0) throw new ArgumentException("a sensitivity analysis needs at least one factor", nameof(factors));
        foreach (var f in factors)
        {
            if (string.IsNullOrEmpty(f.Name)) throw new ArgumentException("every factor needs a name", nameof(factors));
            if (!double.IsFinite(f.Low) || !double.IsFinite(f.High) || !(f.High > f.Low))
                throw new ArgumentException($"factor {f.Name} has the range [{f.Low}, {f.High}]: it needs finite bounds with High > Low", nameof(factors));
        }
        var twice = factors.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"factor {twice.Key} is named twice", nameof(factors));
    }

    /// <summary>Throws unless there is one finite output per design row, naming the first row that is not finite.</summary>
    public static void CheckOutputs(IReadOnlyList<double> outputs, int rows)
    {
        if (outputs.Count != rows) throw new ArgumentException($"the design has {rows} rows and {outputs.Count} outputs were given", nameof(outputs));
        for (var i = 0; i < rows; i++)
        {
            if (!double.IsFinite(outputs[i])) throw new ArgumentException($"the output of row {i} is {outputs[i]}: every output must be finite", nameof(outputs));
        }
    }
}
