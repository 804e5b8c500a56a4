using Simulation.Silo.Calibration;
using Simulation.Tests.Support;

namespace Simulation.Tests.Calibration;

/// <summary>The posterior's diagnostics, on posteriors whose answers are known.</summary>
public sealed class PosteriorTests
{
    private static global::Simulation.Silo.Calibration.Posterior Write(TempFolder temp, string text)
    {
        var path = temp.Combine("posterior.csv");
        File.WriteAllText(path, text);
        return global::Simulation.Silo.Calibration.Posterior.Read(path);
    }

    [Fact]
    public void Marginals_effective_size_and_correlations_are_exact_on_a_small_posterior()
    {
        using var temp = new TempFolder();
        // practice.bias searches -0.5 to 2 (prior sd 2.5 / sqrt 12); practice.noise is not calibrated, range 0 to 0.1.
        var p = Write(temp, "particle,weight,distance,practice.bias,practice.noise\n0,1,0.1,0,0.01\n1,1,0.2,1,0.02\n2,2,0.3,0.5,0.015\n");
        Assert.Equal(16.0 / 6, p.EffectiveSampleSize, 12);            // (1 + 1 + 2)^2 / (1 + 1 + 4)
        Assert.Equal(3, p.Distinct);
        var bias = p.Marginals()[0];
        Assert.Equal(0.5, bias.Mean, 12);                             // (0 + 1 + 2 x 0.5) / 4
        Assert.Equal(Math.Sqrt(0.125), bias.Sd, 12);                  // (0.25 + 0.25 + 0) / 4
        Assert.Equal(0, bias.P05);
        Assert.Equal(1, bias.P95);
        Assert.Equal(Math.Sqrt(0.125) / (2.5 / Math.Sqrt(12)), bias.SdRatio, 12);
        Assert.Equal("yes", bias.Identified);
        Assert.Equal(1, p.Correlation(0, 1), 12);                      // noise = 0.01 + bias / 100
        Assert.Equal((0, 1, 1.0), p.StrongestPairs(1)[0]);
        Assert.Contains("practice.bias,-0.5,2,0.5,", p.SummaryTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_posterior_as_wide_as_its_prior_is_not_identified()
    {
        using var temp = new TempFolder();
        // Uniform over the prior's range, -0.5 to 2, on a fine grid: the sd ratio is about 1.
        var rows = string.Concat(Enumerable.Range(0, 101).Select(i =>
            FormattableString.Invariant($"{i},1,0,{-0.5 + 2.5 * i / 100.0}\n")));
        var p = Write(temp, "particle,weight,distance,practice.bias\n" + rows);
        Assert.InRange(p.Marginals()[0].SdRatio, 0.98, 1.02);
        Assert.Equal("no", p.Marginals()[0].Identified);
    }

    [Fact]
    public void Bad_posterior_files_are_refused_with_their_line_and_column()
    {
        using var temp = new TempFolder();
        Assert.Contains(":1:4", Assert.Throws<FormatException>(() => Write(temp, "particle,weight,distance,practice.nonsense\n0,1,0,1\n")).Message, StringComparison.Ordinal);
        Assert.Contains(":2:4", Assert.Throws<FormatException>(() => Write(temp, "particle,weight,distance,practice.bias\n0,1,0,x\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no particles", Assert.Throws<FormatException>(() => Write(temp, "particle,weight,distance,practice.bias\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_figures_are_written()
    {
        using var temp = new TempFolder();
        var p = Write(temp, "particle,weight,distance,practice.bias,practice.noise,leadership.erosion\n0,1,0.1,0,0.01,0.1\n1,1,0.2,1,0.02,0.3\n2,1,0.3,0.5,0.03,0.2\n");
        var drawn = Simulation.Silo.Plots.PosteriorFigure.Write(temp.Combine("figures"), p, pairs: 2);
        Assert.Equal(["posterior-marginals", "posterior-pairs-1", "posterior-pairs-2"], drawn);
        Assert.All(drawn, d => Assert.True(new FileInfo(temp.Combine("figures", d + ".png")).Length > 1000));
    }
}

/// <summary>A mechanism the search switched off stays exactly off.</summary>
public sealed class CalibratorEdgeTests
{
    [Fact]
    public void Values_within_a_thousandth_of_the_range_of_an_end_are_that_end()
    {
        Assert.True(Simulation.Model.Parameters.ParameterCatalog.TryGet("demand.surge_rate", out var p));   // searched 0 to 0.4
        Assert.Equal(0, Calibrator.AtEdge(p, 4e-5));
        Assert.Equal(0.0005, Calibrator.AtEdge(p, 0.0005));
        Assert.Equal(0.4, Calibrator.AtEdge(p, 0.39999));
        Assert.Equal(0.2, Calibrator.AtEdge(p, 0.2));
    }
}
