using Simulation.Silo.Statistics;

namespace Simulation.Tests.Statistics;

/// <summary>Morris elementary effects: the design's shape and the measures on functions whose effects are known.</summary>
public sealed class MorrisTests
{
    private static readonly SensitivityFactor[] Three = [new("x1", 0, 1), new("x2", 10, 20), new("x3", -5, 5)];

    private static readonly SensitivityFactor[] Ishigami = [new("x1", -Math.PI, Math.PI), new("x2", -Math.PI, Math.PI), new("x3", -Math.PI, Math.PI)];

    private static double IshigamiAt(double[] x) => Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);

    [Fact]
    public void Trajectories_move_one_factor_at_a_time_by_delta_on_the_grid()
    {
        const int r = 12;
        var design = Morris.Design(Three, r, 4, 7);
        var k = Three.Length;
        Assert.Equal(r * (k + 1), design.Points.Length);
        Assert.Equal(2.0 / 3, design.Delta, 15); // p = 4: Δ = 4 / (2 × 3)
        foreach (var point in design.Points)
        {
            for (var i = 0; i < k; i++)
            {
                Assert.InRange(point[i], Three[i].Low, Three[i].High);
                // On the grid {0, 1/3, 2/3, 1} of the unit interval.
                var u = (point[i] - Three[i].Low) / (Three[i].High - Three[i].Low) * 3;
                Assert.Equal(Math.Round(u), u, 9);
            }
        }
        for (var t = 0; t < r; t++)
        {
            var moved = new List<int>();
            for (var step = 1; step <= k; step++)
            {
                var before = design.Points[t * (k + 1) + step - 1];
                var after = design.Points[t * (k + 1) + step];
                var changed = Enumerable.Range(0, k).Where(i => after[i] != before[i]).ToList();
                var i = Assert.Single(changed);
                Assert.Equal(design.Delta * (Three[i].High - Three[i].Low), Math.Abs(after[i] - before[i]), 9);
                moved.Add(i);
            }
            Assert.Equal([0, 1, 2], moved.Order()); // each factor once per trajectory
        }
    }

    [Fact]
    public void The_design_is_a_pure_function_of_its_seed()
    {
        var one = Morris.Design(Three, 8, 6, 123);
        Assert.Equal(one.Points, Morris.Design(Three, 8, 6, 123).Points);
        Assert.NotEqual(one.Points, Morris.Design(Three, 8, 6, 124).Points);
        Assert.Equal(0.6, one.Delta, 15); // p = 6: Δ = 6 / 10
    }

    [Fact]
    public void A_linear_function_has_effects_of_its_coefficient_times_the_range_and_no_spread()
    {
        // y = 2 x1 − 3 x2 + 0.5 x3: EEᵢ = aᵢ (Highᵢ − Lowᵢ) at every step = 2, −30, 5.
        double[] a = [2, -3, 0.5];
        var design = Morris.Design(Three, 10, 4, 1);
        var y = design.Points.Select(x => a[0] * x[0] + a[1] * x[1] + a[2] * x[2]).ToArray();
        var indices = Morris.Analyse(design, y, 100, 2);
        Assert.Equal(["x1", "x2", "x3"], indices.Select(m => m.Factor));
        double[] expected = [2, -30, 5];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], indices[i].Mu, 9);
            Assert.Equal(Math.Abs(expected[i]), indices[i].MuStar, 9);
            Assert.Equal(0, indices[i].Sigma, 9);
            Assert.Equal(Math.Abs(expected[i]), indices[i].MuStarLow95, 9);
            Assert.Equal(Math.Abs(expected[i]), indices[i].MuStarHigh95, 9);
        }
    }

    [Fact]
    public void Ishigami_screening_finds_what_the_grid_makes_certain()
    {
        // On [−π, π] with p = 4 the grid is −π, −π/3, π/3, π and a move is 2 grid steps (Δ = 2/3 of
        // the range): each factor goes −π ↔ π/3 or −π/3 ↔ π.
        // x2: 7 sin² x2 goes 0 ↔ 5.25 on either move, so |EE| = 5.25 / (2/3) = 7.875 always: μ* = 7.875
        //     exactly, and σ > 0 because the sign depends on the direction.
        // x1: |Δ sin x1| = sin(π/3) on either move, times (1 + 0.1 x3⁴) with x3⁴ = π⁴ or (π/3)⁴:
        //     |EE| ∈ {0.866025 × 1.120258, 0.866025 × 10.740909} / (2/3) = {1.455258, 13.952850}; both
        //     moves raise sin x1 as x1 rises, so every effect is positive and μ = μ*.
        // x3: EE = 0.1 sin x1 Δ(x3⁴) / (2/3) with sin x1 ∈ {0, ±0.866025}, |Δ x3⁴| = π⁴ (1 − 1/81):
        //     |EE| ∈ {0, 12.497592}; it depends on x1 (the interaction), so σ > 0 once both occur.
        // Which of x1 and x2 has the larger μ* depends on the draw: not asserted.
        var design = Morris.Design(Ishigami, 40, 4, 2024);
        var y = design.Points.Select(IshigamiAt).ToArray();
        var m = Morris.Analyse(design, y, 200, 1);
        Assert.Equal(7.875, m[1].MuStar, 9);
        Assert.True(m[1].Sigma > 0);
        Assert.InRange(m[0].MuStar, 1.455257, 13.952851);
        Assert.Equal(m[0].MuStar, m[0].Mu, 9);
        Assert.InRange(m[2].MuStar, 0, 12.497593);
        Assert.True(m[0].Sigma > 0);
        Assert.True(m[2].Sigma > 0);
        Assert.True(m[2].MuStar > Math.Abs(m[2].Mu)); // effects of both signs
        Assert.All(m, i => Assert.True(i.MuStarLow95 <= i.MuStar && i.MuStar <= i.MuStarHigh95));
    }

    [Fact]
    public void A_non_finite_output_is_refused_naming_its_row()
    {
        var design = Morris.Design(Three, 3, 4, 1);
        var y = design.Points.Select(x => x[0]).ToArray();
        y[5] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Morris.Analyse(design, y, 10, 1));
        Assert.Contains("row 5", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Morris.Analyse(design, y[..^1], 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Morris.Design(Three, 3, 5, 1)); // odd levels
    }
}
