using System.Globalization;
using System.Text;
using Simulation.Model.Parameters;
using Simulation.Silo.Output;

namespace Simulation.Silo.Calibration;

/// <summary>
/// A posterior as <c>calibrate-national</c> writes it (<c>posterior.csv</c>): weighted parameter
/// sets, each with its distance, and the diagnostics researchers read from it: each parameter's
/// marginal against its prior (what the record identifies), the pairwise correlations (what it
/// identifies only in combination), and the effective sample size.
/// </summary>
public sealed record Posterior(IReadOnlyList<ParameterInfo> Parameters, IReadOnlyList<double[]> Values, IReadOnlyList<double> Weights, IReadOnlyList<double> Distances)
{
    /// <summary>Kish's effective sample size of the weights, (Σw)² / Σw².</summary>
    public double EffectiveSampleSize
    {
        get
        {
            var sum = Weights.Sum();
            var squares = Weights.Sum(w => w * w);
            return squares > 0 ? sum * sum / squares : 0;
        }
    }

    /// <summary>How many particles differ in at least one value.</summary>
    public int Distinct => Values.Select(v => string.Join(',', v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Reads a posterior table; every column after particle, weight and distance must be a parameter key.</summary>
    public static Posterior Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        if (lines.Length < 2) throw new FormatException($"{path}: no particles");
        var header = lines[0].Split(',');
        if (header.Length < 4 || header[0] != "particle" || header[1] != "weight" || header[2] != "distance")
            throw new FormatException($"{path}:1: expected the columns particle,weight,distance and then parameter keys");
        var parameters = header.Skip(3).Select((k, i) => ParameterCatalog.TryGet(k, out var p) ? p
            : throw new FormatException($"{path}:1:{i + 4}: '{k}' is not a parameter")).ToArray();
        var values = new List<double[]>();
        var weights = new List<double>();
        var distances = new List<double>();
        for (var line = 1; line < lines.Length; line++)
        {
            var cells = lines[line].Split(',');
            if (cells.Length != header.Length) throw new FormatException($"{path}:{line + 1}: {cells.Length} values for {header.Length} columns");
            double Number(int column) => double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x : throw new FormatException($"{path}:{line + 1}:{column + 1}: '{cells[column]}' is not a number");
            weights.Add(Number(1));
            distances.Add(Number(2));
            values.Add([.. Enumerable.Range(3, parameters.Length).Select(Number)]);
        }
        return new Posterior(parameters, values, weights, distances);
    }

    /// <summary>One parameter's marginal: weighted mean, sd, 5% and 95% quantiles, and the ratio of its sd to the uniform prior's.</summary>
    public sealed record Marginal(ParameterInfo Parameter, double Mean, double Sd, double P05, double P95, double SdRatio)
    {
        /// <summary>"yes" below half the prior's sd, "partly" below 0.9 of it, otherwise "no".</summary>
        public string Identified => SdRatio < 0.5 ? "yes" : SdRatio < 0.9 ? "partly" : "no";

        /// <summary>A value as a share of the prior's range (0 at its low end, 1 at its high end).</summary>
        public double Scaled(double x) => (x - Parameter.SearchLow) / (Parameter.SearchHigh - Parameter.SearchLow);
    }

    public IReadOnlyList<Marginal> Marginals()
    {
        var total = Weights.Sum();
        return [.. Parameters.Select((p, i) =>
        {
            var pairs = Values.Select((v, k) => (X: v[i], W: Weights[k] / total)).OrderBy(x => x.X).ToArray();
            var mean = pairs.Sum(x => x.W * x.X);
            var sd = Math.Sqrt(pairs.Sum(x => x.W * (x.X - mean) * (x.X - mean)));
            var priorSd = (p.SearchHigh - p.SearchLow) / Math.Sqrt(12);
            return new Marginal(p, mean, sd, Statistics.WeightedQuantile.Of(pairs.Select(x => (x.X, x.W)), 0.05), Statistics.WeightedQuantile.Of(pairs.Select(x => (x.X, x.W)), 0.95), priorSd > 0 ? sd / priorSd : double.NaN);
        })];
    }

    /// <summary>Weighted Pearson correlation of every pair of parameters (NaN where one does not vary).</summary>
    public double Correlation(int a, int b)
    {
        var total = Weights.Sum();
        double ma = 0, mb = 0;
        for (var k = 0; k < Values.Count; k++)
        {
            ma += Weights[k] / total * Values[k][a];
            mb += Weights[k] / total * Values[k][b];
        }
        double cab = 0, caa = 0, cbb = 0;
        for (var k = 0; k < Values.Count; k++)
        {
            var w = Weights[k] / total;
            var (da, db) = (Values[k][a] - ma, Values[k][b] - mb);
            cab += w * da * db;
            caa += w * da * da;
            cbb += w * db * db;
        }
        return caa > 0 && cbb > 0 ? cab / Math.Sqrt(caa * cbb) : double.NaN;
    }

    /// <summary>The pairs with the strongest correlations, strongest first.</summary>
    public IReadOnlyList<(int A, int B, double R)> StrongestPairs(int count)
    {
        var pairs = new List<(int, int, double)>();
        for (var a = 0; a < Parameters.Count; a++)
        for (var b = a + 1; b < Parameters.Count; b++)
        {
            var r = Correlation(a, b);
            if (double.IsFinite(r)) pairs.Add((a, b, r));
        }
        return [.. pairs.OrderByDescending(p => Math.Abs(p.Item3)).ThenBy(p => p.Item1).ThenBy(p => p.Item2).Take(count)];
    }

    /// <summary>posterior-summary.csv: each parameter's prior range, posterior marginal and whether the record identifies it.</summary>
    public string SummaryTable()
    {
        var sb = new StringBuilder("parameter,prior_low,prior_high,posterior_mean,posterior_sd,p05,p95,sd_ratio,identified\n");
        foreach (var m in Marginals())
        {
            sb.Append(m.Parameter.Key).Append(',').Append(Csv.Number(m.Parameter.SearchLow)).Append(',').Append(Csv.Number(m.Parameter.SearchHigh)).Append(',')
                .Append(Csv.Number(m.Mean)).Append(',').Append(Csv.Number(m.Sd)).Append(',').Append(Csv.Number(m.P05)).Append(',').Append(Csv.Number(m.P95)).Append(',')
                .Append(Csv.Number(m.SdRatio)).Append(',').Append(m.Identified).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>posterior-correlations.csv: every pair of parameters and their weighted correlation, strongest first.</summary>
    public string CorrelationTable()
    {
        var sb = new StringBuilder("parameter_a,parameter_b,correlation\n");
        foreach (var (a, b, r) in StrongestPairs(int.MaxValue))
        {
            sb.Append(Parameters[a].Key).Append(',').Append(Parameters[b].Key).Append(',').Append(Csv.Number(r)).Append('\n');
        }
        return sb.ToString();
    }
}
