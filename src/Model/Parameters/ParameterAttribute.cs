namespace Simulation.Model.Parameters;

/// <summary>
/// Declares a model parameter: its unit, the range a scenario may set, where its default comes
/// from and what it means. The catalog, the scenario loader and docs/ODD.md all read this one
/// declaration, so they cannot disagree.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ParameterAttribute(string unit, double min, double max) : Attribute
{
    public string Unit { get; } = unit;
    public double Min { get; } = min;
    public double Max { get; } = max;

    /// <summary>A row of NATIONAL.md, a line of DONCASTER.md, or "assumption: why".</summary>
    public required string Source { get; init; }

    public required string Description { get; init; }

    /// <summary>True for parameters the calibrate command may search over.</summary>
    public bool Calibrated { get; init; }

    /// <summary>Lower end of the calibration's search, when narrower than <see cref="Min"/>.</summary>
    public double Low { get; init; } = double.NaN;

    /// <summary>Upper end of the calibration's search, when narrower than <see cref="Max"/>.</summary>
    public double High { get; init; } = double.NaN;
}
