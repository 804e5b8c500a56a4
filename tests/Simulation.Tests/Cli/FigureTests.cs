using System.Xml.Linq;
using SkiaSharp;
using Simulation.Tests.Support;
using static Simulation.Tests.Cli.CommandLineTests;

namespace Simulation.Tests.Cli;

/// <summary>The figures every run writes: present, decodable, not blank, and different for different scenarios.</summary>
public class FigureTests
{
    private static readonly string[] Names = ["rating", "caseload", "workforce", "quality", "money"];

    /// <summary>Standard deviation of the grey level over the image: near zero for a blank figure.</summary>
    internal static double PixelSpread(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        Assert.True(bitmap is not null, $"{png} does not decode as an image");
        Assert.Equal((1200, 700), (bitmap.Width, bitmap.Height));
        double sum = 0, sumSq = 0;
        var n = 0;
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                var c = bitmap.GetPixel(x, y);
                var grey = (c.Red + c.Green + c.Blue) / 3.0;
                sum += grey;
                sumSq += grey * grey;
                n++;
            }
        }
        var mean = sum / n;
        return Math.Sqrt(sumSq / n - mean * mean);
    }

    [Fact]
    public void Every_run_writes_each_figure_as_png_and_svg_and_none_is_blank()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("doncaster");
        var (exit, _, err) = Run("run", Repository.Scenario("doncaster.yaml"), "--out", output, "--replicates", "20");
        Assert.True(exit == 0, err);
        foreach (var name in Names)
        {
            var png = Path.Combine(output, "plots", $"{name}.png");
            Assert.True(PixelSpread(png) > 20, $"{name}.png looks blank");
            var svg = XDocument.Load(Path.Combine(output, "plots", $"{name}.svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.True(svg.Descendants().Count() > 50, $"{name}.svg has almost nothing in it");
        }
        // The rating figure carries the documented judgements and the arrangements.
        var rating = File.ReadAllText(Path.Combine(output, "plots", "rating.svg"));
        Assert.Contains("documented judgement", rating, StringComparison.Ordinal);
        Assert.Contains("independent trust", rating, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_scenarios_give_different_figures_and_several_councils_get_their_own()
    {
        using var temp = new TempFolder();
        foreach (var s in new[] { "failing-council", "failing-council-trust", "two-councils" })
        {
            var (exit, _, err) = Run("run", Repository.Scenario($"{s}.yaml"), "--out", temp.Combine(s), "--replicates", "10");
            Assert.True(exit == 0, err);
        }
        foreach (var name in Names)
        {
            Assert.NotEqual(File.ReadAllBytes(temp.Combine("failing-council", "plots", $"{name}.png")),
                File.ReadAllBytes(temp.Combine("failing-council-trust", "plots", $"{name}.png")));
        }
        foreach (var council in new[] { "north", "south" })
        {
            foreach (var name in Names) Assert.True(PixelSpread(temp.Combine("two-councils", "plots", $"{council}-{name}.png")) > 20);
        }
    }

    [Fact]
    public void A_national_run_draws_the_national_figure_and_no_per_council_ones()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("england");
        var (exit, _, err) = Run("run", Repository.Scenario("england.yaml"), "--out", output, "--replicates", "2");
        Assert.True(exit == 0, err);
        Assert.True(PixelSpread(Path.Combine(output, "plots", "national.png")) > 20, "national.png looks blank");
        // The national picture and the time to good pooled over every council: no per-council figures.
        Assert.Equal(["national.png", "national.svg", "time-to-good.png", "time-to-good.svg"],
            Directory.EnumerateFiles(Path.Combine(output, "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(PixelSpread(Path.Combine(output, "plots", "time-to-good.png")) > 20, "time-to-good.png looks blank");
        Assert.Contains("published: inadequate (NATIONAL.md)", File.ReadAllText(Path.Combine(output, "plots", "national.svg")), StringComparison.Ordinal);
    }
}
