using System.Collections.Immutable;
using System.Globalization;
using MathNet.Numerics;
using MathNet.Numerics.Random;
using Simulation.Model.Parameters;
using Simulation.Scenarios.Yaml;
using YamlDotNet.RepresentationModel;

namespace Simulation.Scenarios;

public static partial class ScenarioLoader
{
    private sealed record Axis(ParameterInfo Info, double[]? Values, double Low, double High);

    /// <summary>
    /// <c>experiment</c>: a sweep (grid or Latin hypercube over dotted parameter keys) and/or a list
    /// of named variants, each a set of parameter values on top of the scenario's.
    /// </summary>
    private static Experiment? ReadExperiment(YamlNode node, Reader r, ModelParameters baseline, long? seed)
    {
        var map = r.AsMap(node, "experiment");
        if (map is null) return null;
        var before = r.Errors.Count;
        var variants = new List<(string Id, List<(ParameterInfo Info, double Value)> Values, YamlNode At, string Key)>();
        var keys = new List<ParameterInfo>();
        var method = "variants";

        if (map.Get("sweep") is { } sweepNode && r.AsMap(sweepNode, map.KeyPath("sweep")) is { } sweep)
        {
            method = sweep.Choice("method", ["grid", "latin_hypercube"]) ?? "grid";
            long? samples = null;
            if (method == "latin_hypercube") samples = sweep.Integer("samples", 2, Experiment.MaxVariants, required: true);
            else if (sweep.Get("samples") is { } s) r.Error(s, sweep.KeyPath("samples"), "only a latin_hypercube sweep takes samples; a grid runs every combination of its values");
            var sampleSeed = sweep.Integer("seed", 0, long.MaxValue) ?? seed ?? 0;
            var axes = new List<Axis>();
            if (sweep.Required("parameters", "a mapping of dotted parameter keys to value lists or ranges") is { } pNode
                && r.AsMap(pNode, sweep.KeyPath("parameters")) is { } pMap)
            {
                foreach (var (key, keyNode, value) in pMap.Entries())
                {
                    if (ReadAxis(key, keyNode, value, pMap.KeyPath(key), method, r) is { } axis)
                    {
                        if (axes.Any(a => a.Info.Key == axis.Info.Key)) r.Error(keyNode, pMap.KeyPath(key), "is swept twice");
                        else axes.Add(axis);
                    }
                }
                if (pMap.Node.Children.Count == 0) r.Error(pNode, sweep.KeyPath("parameters"), "is empty; expected at least one parameter to sweep");
            }
            sweep.RejectUnknown(["method", "samples", "seed", "parameters"]);

            if (r.Errors.Count == before && axes.Count > 0)
            {
                keys.AddRange(axes.Select(a => a.Info));
                var points = method == "grid" ? Grid(axes, sweepNode, sweep.KeyPath("parameters"), r) : LatinHypercube(axes, (int)(samples ?? 2), sampleSeed);
                var width = Math.Max(3, points.Count.ToString(CultureInfo.InvariantCulture).Length);
                for (var i = 0; i < points.Count; i++)
                {
                    variants.Add(($"v{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}",
                        [.. axes.Select((a, d) => (a.Info, points[i][d]))], sweepNode, map.KeyPath("sweep")));
                }
            }
        }

        if (map.Get("variants") is { } listNode)
        {
            method = method == "variants" ? "variants" : $"{method}+variants";
            foreach (var (item, key) in r.Items(listNode, map.KeyPath("variants")))
            {
                var v = r.AsMap(item, key);
                if (v is null) continue;
                var id = v.Text("id", required: true);
                if (id is not null && !IdPattern().IsMatch(id))
                {
                    r.Error(v.Get("id"), v.KeyPath("id"), $"'{id}' must be lower-case letters, digits, '-' or '_' (it names the variant's output folder)");
                    id = null;
                }
                var values = new List<(ParameterInfo, double)>();
                if (v.Required("parameters", "a mapping of parameter keys to values") is { } pNode && r.AsMap(pNode, v.KeyPath("parameters")) is { } pMap)
                {
                    foreach (var (k, value, keyNode) in Flatten(pMap, ""))
                    {
                        var path = $"{v.KeyPath("parameters")}.{k}";
                        if (!ParameterCatalog.TryGet(k, out var info))
                            r.Error(keyNode, path, $"unknown parameter{Suggestions.DidYouMean(k, ParameterCatalog.Keys)}; the parameters are listed in docs/ODD.md");
                        else if (r.Number(value, path, info.Min, info.Max, info.Unit) is { } x)
                        {
                            values.Add((info, x));
                            if (!keys.Contains(info)) keys.Add(info);
                        }
                    }
                }
                v.RejectUnknown(["id", "parameters"]);
                if (id is not null) variants.Add((id, values, item, key));
            }
        }
        map.RejectUnknown(["sweep", "variants"]);
        if (map.Node.Children.Count == 0) r.Error(node, "experiment", "is empty; expected a sweep or a list of variants");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in variants)
        {
            if (!ids.Add(v.Id)) r.Error(v.At, v.Key, $"variant id '{v.Id}' is used twice (sweep points are named v001, v002, ...)");
        }
        if (variants.Count > Experiment.MaxVariants) r.Error(node, "experiment", $"asks for {variants.Count:N0} variants; at most {Experiment.MaxVariants:N0} are allowed");
        if (r.Errors.Count > before || variants.Count == 0) return null;

        var built = variants.Select(v =>
        {
            var p = baseline;
            foreach (var (info, value) in v.Values) p = info.With(p, value);
            return new Variant(v.Id, [.. keys.Select(k => new VariantValue(k.Key, k.Get(p)))], p);
        });
        return new Experiment(method, [.. keys.Select(k => k.Key)], [.. built]);
    }

    private static Axis? ReadAxis(string key, YamlNode keyNode, YamlNode value, string path, string method, Reader r)
    {
        if (!ParameterCatalog.TryGet(key, out var info))
        {
            var nested = value is YamlMappingNode m && !m.Children.ContainsKey(new YamlScalarNode("low")) && !m.Children.ContainsKey(new YamlScalarNode("values"));
            r.Error(keyNode, path, nested
                ? "sweeps name each parameter by its dotted key, e.g. workforce.base_turnover"
                : $"unknown parameter{Suggestions.DidYouMean(key, ParameterCatalog.Keys)}; the parameters are listed in docs/ODD.md");
            return null;
        }
        if (value is YamlSequenceNode)
        {
            if (method != "grid")
            {
                r.Error(value, path, "a latin_hypercube sweep samples a range; expected {low: ..., high: ...}");
                return null;
            }
            var values = new List<double>();
            foreach (var (item, itemKey) in r.Items(value, path))
            {
                if (r.Number(item, itemKey, info.Min, info.Max, info.Unit) is { } x) values.Add(x);
            }
            if (values.Count == 0) r.Error(value, path, "is empty; expected at least one value");
            if (values.Distinct().Count() != values.Count) r.Error(value, path, "lists a value twice");
            return values.Count == 0 ? null : new Axis(info, [.. values], double.NaN, double.NaN);
        }
        var range = r.AsMap(value, path);
        if (range is null) return null;
        var low = range.Number("low", info.Min, info.Max, info.Unit, required: true);
        var high = range.Number("high", info.Min, info.Max, info.Unit, required: true);
        long? steps = null;
        if (method == "grid") steps = range.Integer("steps", 2, 1000, required: true);
        range.RejectUnknown(method == "grid" ? ["low", "high", "steps"] : ["low", "high"]);
        if (low is null || high is null) return null;
        if (high <= low)
        {
            r.Error(range.Get("high"), range.KeyPath("high"), $"{Reader.Fmt(high.Value)} is not above low {Reader.Fmt(low.Value)}");
            return null;
        }
        if (method == "grid")
        {
            if (steps is null) return null;
            var n = (int)steps.Value;
            return new Axis(info, [.. Enumerable.Range(0, n).Select(i => Round(low.Value + (high.Value - low.Value) * i / (n - 1)))], low.Value, high.Value);
        }
        return new Axis(info, null, low.Value, high.Value);
    }

    private static List<double[]> Grid(List<Axis> axes, YamlNode at, string path, Reader r)
    {
        var count = axes.Aggregate(1L, (n, a) => Math.Min(n * a.Values!.Length, long.MaxValue / 1000));
        if (count > Experiment.MaxVariants)
        {
            r.Error(at, path, $"the grid has {count:N0} combinations; at most {Experiment.MaxVariants:N0} are allowed");
            return [];
        }
        var points = new List<double[]> { Array.Empty<double>() };
        foreach (var axis in axes) points = [.. points.SelectMany(p => axis.Values!.Select(v => (double[])[.. p, v]))];
        return points;
    }

    /// <summary>
    /// A Latin hypercube: each range cut into <paramref name="samples"/> equal strata, one point in
    /// each stratum of every parameter, strata paired by independent random permutations
    /// (MathNet's Mersenne Twister, seeded from the sweep's seed, so the sample is reproducible).
    /// </summary>
    private static List<double[]> LatinHypercube(List<Axis> axes, int samples, long seed)
    {
        var rng = new MersenneTwister(unchecked((int)(seed ^ (seed >> 32))), threadSafe: false);
        var strata = axes.Select(_ => Combinatorics.GeneratePermutation(samples, rng)).ToArray();
        var offsets = axes.Select(_ => Enumerable.Range(0, samples).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        return [.. Enumerable.Range(0, samples).Select(i => axes.Select((a, d) =>
            Round(a.Low + (a.High - a.Low) * (strata[d][i] + offsets[d][i]) / samples)).ToArray())];
    }

    /// <summary>Six significant figures: what variants.csv shows is exactly what ran.</summary>
    private static double Round(double x) => double.Parse(x.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
