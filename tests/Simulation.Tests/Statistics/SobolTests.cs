using Simulation.Silo.Statistics;

namespace Simulation.Tests.Statistics;

/// <summary>The Sobol' sequence, the Saltelli design and the Sobol' indices on functions whose indices are known.</summary>
public sealed class SobolTests
{
    private static readonly SensitivityFactor[] Ishigami = [new("x1", -Math.PI, Math.PI), new("x2", -Math.PI, Math.PI), new("x3", -Math.PI, Math.PI)];

    private static double IshigamiAt(double[] x) => Math.Sin(x[0]) + 7 * Math.Pow(Math.Sin(x[1]), 2) + 0.1 * Math.Pow(x[2], 4) * Math.Sin(x[0]);

    [Fact]
    public void The_sequence_starts_as_published()
    {
        // The first eight points of the unscrambled two-dimensional Sobol' sequence in Gray-code order.
        double[][] expected = [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875], [0.625, 0.125], [0.125, 0.625]];
        var sequence = new SobolSequence(2);
        Assert.Equal(expected, Enumerable.Range(0, 8).Select(i => sequence.Point(i)));
    }

    [Fact]
    public void Every_row_of_the_table_is_a_primitive_polynomial_with_valid_direction_numbers()
    {
        var table = SobolSequence.Table;
        Assert.Equal(SobolSequence.MaxDimensions - 1, table.Count);
        Assert.Equal([2, 1, 0], new[] { table[0].Dimension, table[0].Degree, table[0].Coefficients });
        // Spot checks against the published file (d s a m).
        Assert.Equal((7, 4, 4), (table[5].Dimension, table[5].Degree, table[5].Coefficients));
        Assert.Equal([1, 3, 5, 13], table[5].Initial);
        Assert.Equal((40, 8, 22), (table[38].Dimension, table[38].Degree, table[38].Coefficients));
        Assert.Equal([1, 3, 1, 11, 11, 11, 77, 249], table[38].Initial);
        foreach (var row in table)
        {
            var s = row.Degree;
            Assert.Equal(s, row.Initial.Count);
            for (var k = 0; k < s; k++) Assert.True(row.Initial[k] % 2 == 1 && row.Initial[k] < 1 << (k + 1), $"dimension {row.Dimension}: m{k + 1} = {row.Initial[k]}");
            Assert.True(Primitive(s, row.Coefficients), $"dimension {row.Dimension}: polynomial {s}/{row.Coefficients} is not primitive");
        }
        // Joe and Kuo list each degree's primitive polynomials in increasing order, none twice.
        foreach (var degree in table.GroupBy(r => r.Degree))
        {
            var listed = degree.Select(r => r.Coefficients).ToList();
            var all = Enumerable.Range(0, 1 << (degree.Key - 1)).Where(a => Primitive(degree.Key, a)).Take(listed.Count);
            Assert.Equal(all, listed);
        }
    }

    /// <summary>
    /// Whether x^s + a₁x^(s−1) + … + aₛ₋₁x + 1 (aⱼ the bits of <paramref name="a"/>, a₁ the highest)
    /// is primitive over GF(2): x has multiplicative order 2^s − 1 modulo it.
    /// </summary>
    private static bool Primitive(int s, int a)
    {
        var polynomial = (1 << s) | (a << 1) | 1;
        var x = 1;
        for (var order = 1; order <= 1 << s; order++)
        {
            x <<= 1;
            if ((x >> s & 1) != 0) x ^= polynomial;
            if (x == 1) return order == (1 << s) - 1;
        }
        return false;
    }

    [Fact]
    public void Each_dimension_stratifies_its_first_power_of_two_points_shifted_or_not()
    {
        var shift = Enumerable.Range(0, SobolSequence.MaxDimensions).Select(d => (uint)(d * 2654435761L)).ToArray();
        foreach (var sequence in new[] { new SobolSequence(SobolSequence.MaxDimensions), new SobolSequence(SobolSequence.MaxDimensions, shift) })
        {
            var points = Enumerable.Range(0, 256).Select(i => sequence.Point(i)).ToArray();
            for (var d = 0; d < SobolSequence.MaxDimensions; d++)
            {
                var bins = points.Select(p => (int)(p[d] * 256)).Distinct().Count();
                Assert.True(bins == 256, $"dimension {d + 1}: 256 points fill {bins} of 256 intervals");
            }
        }
    }

    [Fact]
    public void The_Saltelli_design_has_A_B_and_each_AB_i_in_order()
    {
        SensitivityFactor[] factors = [new("a", 0, 1), new("b", 100, 300), new("c", -2, -1)];
        const int n = 64;
        var design = Sobol.Design(factors, n, 9);
        Assert.Equal(n * (3 + 2), design.Points.Length);
        Assert.All(design.Points, p => Assert.All(p.Select((x, i) => (x, i)), c => Assert.InRange(c.x, factors[c.i].Low, factors[c.i].High)));
        for (var j = 0; j < n; j++)
        {
            var a = design.Points[j];
            var b = design.Points[n + j];
            for (var i = 0; i < 3; i++)
            {
                var ab = design.Points[(2 + i) * n + j];
                for (var c = 0; c < 3; c++) Assert.Equal(c == i ? b[c] : a[c], ab[c]);
            }
        }
        // Quasi-random: each column of A (and of B) puts one of its 64 points in each 1/64 of the range.
        for (var i = 0; i < 3; i++)
        {
            var f = factors[i];
            Assert.Equal(n, design.Points.Take(n).Select(p => (int)((p[i] - f.Low) / (f.High - f.Low) * n)).Distinct().Count());
            Assert.Equal(n, design.Points.Skip(n).Take(n).Select(p => (int)((p[i] - f.Low) / (f.High - f.Low) * n)).Distinct().Count());
        }
    }

    [Fact]
    public void The_design_is_a_pure_function_of_its_seed()
    {
        var one = Sobol.Design(Ishigami, 32, 5);
        Assert.Equal(one.Points, Sobol.Design(Ishigami, 32, 5).Points);
        Assert.NotEqual(one.Points, Sobol.Design(Ishigami, 32, 6).Points);
    }

    [Fact]
    public void Ishigami_indices_are_the_analytic_ones()
    {
        // a = 7, b = 0.1 on [−π, π]³: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2 = 13.8446,
        // V₁ = (1 + bπ⁴/5)²/2 = 4.3459, V₂ = a²/8 = 6.125, V₃ = 0, V₁₃ = b²π⁸(1/18 − 1/50) = 3.3737:
        // S = 0.3139, 0.4424, 0 and ST = (V₁ + V₁₃)/V, V₂/V, V₁₃/V = 0.5576, 0.4424, 0.2437.
        double[] first = [0.3139, 0.4424, 0];
        double[] total = [0.5576, 0.4424, 0.2437];
        var design = Sobol.Design(Ishigami, 4096, 1);
        var y = design.Points.Select(IshigamiAt).ToArray();
        var indices = Sobol.Analyse(design, y, 200, 1);
        Assert.Equal(["x1", "x2", "x3"], indices.Select(s => s.Factor));
        for (var i = 0; i < 3; i++)
        {
            var s = indices[i];
            Assert.InRange(s.First, first[i] - 0.05, first[i] + 0.05);
            Assert.InRange(s.Total, total[i] - 0.05, total[i] + 0.05);
            // The bootstrap interval holds the true value, or misses it by less than 0.05.
            Assert.InRange(first[i], s.FirstLow95 - 0.05, s.FirstHigh95 + 0.05);
            Assert.InRange(total[i], s.TotalLow95 - 0.05, s.TotalHigh95 + 0.05);
            Assert.True(s.FirstLow95 <= s.First && s.First <= s.FirstHigh95);
            Assert.True(s.TotalLow95 <= s.Total && s.Total <= s.TotalHigh95);
        }
    }

    [Fact]
    public void A_linear_additive_function_has_equal_first_and_total_indices()
    {
        // y = Σ aᵢxᵢ with xᵢ uniform on ranges of width wᵢ: Vᵢ = aᵢ²wᵢ²/12 and no interaction, so
        // Sᵢ = STᵢ = aᵢ²wᵢ² / Σ aⱼ²wⱼ² (aᵢ²/Σaⱼ² for equal ranges). Here aw = 1, 2, −3, 0.5 → /14.25.
        SensitivityFactor[] factors = [new("p", 0, 1), new("q", 5, 6), new("r", -1, 2), new("s", 0, 0.25)];
        double[] a = [1, 2, -1, 2];
        var expected = new[] { 1.0, 4, 9, 0.25 }.Select(v => v / 14.25).ToArray();
        var design = Sobol.Design(factors, 1024, 3);
        var y = design.Points.Select(x => x.Select((v, i) => a[i] * v).Sum()).ToArray();
        var indices = Sobol.Analyse(design, y, 100, 3);
        for (var i = 0; i < factors.Length; i++)
        {
            Assert.InRange(indices[i].First, expected[i] - 0.03, expected[i] + 0.03);
            Assert.InRange(indices[i].Total, expected[i] - 0.03, expected[i] + 0.03);
        }
    }

    [Fact]
    public void Outputs_that_do_not_vary_give_NaN_indices_and_bad_outputs_are_refused()
    {
        var design = Sobol.Design(Ishigami, 16, 2);
        var flat = Sobol.Analyse(design, [.. design.Points.Select(_ => 0.1)], 20, 1);
        Assert.All(flat, s => Assert.True(double.IsNaN(s.First) && double.IsNaN(s.Total) && double.IsNaN(s.FirstLow95) && double.IsNaN(s.TotalHigh95)));
        var y = design.Points.Select(IshigamiAt).ToArray();
        y[33] = double.PositiveInfinity;
        var e = Assert.Throws<ArgumentException>(() => Sobol.Analyse(design, y, 20, 1));
        Assert.Contains("row 33", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bootstrap_is_a_pure_function_of_its_seed()
    {
        var design = Sobol.Design(Ishigami, 256, 4);
        var y = design.Points.Select(IshigamiAt).ToArray();
        Assert.Equal(Sobol.Analyse(design, y, 50, 8), Sobol.Analyse(design, y, 50, 8));
    }
}
