using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Silo.Output;
using Simulation.Silo.Running;

namespace Simulation.Silo.Backtest;

/// <summary>
/// Gathers what conditioning on the record produces while a run streams past: each replicate's
/// log weight per council (the sum of the log probabilities its service had of the recorded
/// overall grades up to the cutoff; docs/ODD.md, "Conditioning on the record"), and the simulated
/// overall grade at every graded inspection of the record after the cutoff (what a backtest
/// scores). Replicates never interact: the weights only say how much each history counts.
/// </summary>
public sealed class ConditioningSink : IRunSink
{
    public const string WeightsFile = "weights.csv";

    private readonly ObservedRecord _observed;
    private readonly int _replicates;
    private readonly Dictionary<string, int> _councils;
    private readonly double[,] _logWeight;
    // Recorded judgements that condition each council (expected), and how many each replicate met:
    // a replicate whose service was changing hands in an inspection month has no report to inspect.
    private readonly int[] _conditioned;
    private readonly int[,] _seen;
    // Target inspections (after the cutoff, graded in the record): the grade each replicate got.
    private readonly Dictionary<(string Council, Month Month), Grade?[]> _targets = [];

    public ConditioningSink(Scenarios.Scenario scenario)
    {
        _observed = scenario.Observed ?? throw new ArgumentException("the scenario names no observed judgements", nameof(scenario));
        _replicates = scenario.Setup.Replicates;
        _councils = scenario.Setup.Councils.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _logWeight = new double[_councils.Count, _replicates];
        _conditioned = new int[_councils.Count];
        _seen = new int[_councils.Count, _replicates];
        foreach (var i in _observed.Conditioning.Where(i => i.Month >= scenario.Setup.Start && i.Month <= scenario.Setup.End))
        {
            if (_councils.TryGetValue(i.Council, out var c)) _conditioned[c]++;
        }
        foreach (var t in _observed.Graded.Where(i => i.Month > _observed.Until && i.Month <= scenario.Setup.End))
        {
            _targets[(t.Council, t.Month)] = new Grade?[_replicates];
        }
    }

    public ObservedRecord Observed => _observed;

    public void Write(MonthResult month)
    {
        foreach (var i in month.Inspections)
        {
            var j = i.Judgement;
            if (i.Likelihood is { } likelihood && _councils.TryGetValue(j.Area, out var c))
            {
                _logWeight[c, i.Replicate] += Math.Log(likelihood);
                _seen[c, i.Replicate]++;
            }
            else if (_targets.TryGetValue((j.Area, j.Month), out var grades))
            {
                grades[i.Replicate] = j.Overall;
            }
        }
    }

    /// <summary>
    /// Each replicate's weight for <paramref name="council"/>, normalised to sum to one. When no
    /// replicate could have produced the record (every weight zero), equal weights, and
    /// <see cref="EffectiveSampleSize"/> says 0.
    /// </summary>
    public double[] Weights(string council)
    {
        var c = _councils[council];
        var w = new double[_replicates];
        var max = double.NegativeInfinity;
        for (var r = 0; r < _replicates; r++) max = Math.Max(max, _logWeight[c, r]);
        if (double.IsNegativeInfinity(max))
        {
            Array.Fill(w, 1.0 / _replicates);
            return w;
        }
        var sum = 0.0;
        for (var r = 0; r < _replicates; r++) sum += w[r] = Math.Exp(_logWeight[c, r] - max);
        for (var r = 0; r < _replicates; r++) w[r] /= sum;
        return w;
    }

    /// <summary>Kish's effective sample size of a council's weights, (sum w)^2 / sum w^2: 0 when no replicate is consistent with the record.</summary>
    public double EffectiveSampleSize(string council)
    {
        var c = _councils[council];
        var consistent = false;
        for (var r = 0; r < _replicates && !consistent; r++) consistent = !double.IsNegativeInfinity(_logWeight[c, r]);
        return consistent ? 1 / Weights(council).Sum(x => x * x) : 0;
    }

    /// <summary>Councils whose run is conditioned on at least one recorded judgement, in the setup's order.</summary>
    public IEnumerable<string> ConditionedCouncils => _councils.Where(c => _conditioned[c.Value] > 0).OrderBy(c => c.Value).Select(c => c.Key);

    /// <summary>How many recorded judgements condition the council's history (within the run, up to the cutoff).</summary>
    public int ConditionedInspections(string council) => _conditioned[_councils[council]];

    /// <summary>
    /// The weighted probabilities (index grade - 1) of the simulated overall grade at a recorded
    /// inspection after the cutoff, over the replicates that inspected then; null when none did.
    /// </summary>
    public double[]? Forecast(string council, Month month)
    {
        if (!_targets.TryGetValue((council, month), out var grades)) return null;
        var w = Weights(council);
        var p = new double[4];
        var total = 0.0;
        for (var r = 0; r < _replicates; r++)
        {
            if (grades[r] is not { } g) continue;
            p[(int)g - 1] += w[r];
            total += w[r];
        }
        if (total <= 0) return null;
        for (var k = 0; k < 4; k++) p[k] /= total;
        return p;
    }

    /// <summary>weights.csv: <c>entity,replicate,log_weight,weight</c> for every conditioned council and replicate.</summary>
    public void WriteWeights(string folder)
    {
        var sb = new StringBuilder("entity,replicate,log_weight,weight\n");
        foreach (var council in ConditionedCouncils)
        {
            var c = _councils[council];
            var w = Weights(council);
            for (var r = 0; r < _replicates; r++)
            {
                var lw = _logWeight[c, r];
                sb.Append(Csv.Field(council)).Append(',')
                    .Append(r.ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(double.IsNegativeInfinity(lw) ? "-inf" : lw.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(w[r].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        File.WriteAllText(Path.Combine(folder, WeightsFile), sb.ToString());
    }

    /// <summary>
    /// Recorded judgements a replicate did not meet (no service report in the month: the service
    /// was changing hands), summed over councils and replicates. Such a replicate escapes that
    /// judgement's likelihood, so its weight is too high; the manifest reports how often.
    /// </summary>
    public int Missed()
    {
        var missed = 0;
        foreach (var c in _councils.Values)
        {
            for (var r = 0; r < _replicates; r++) missed += _conditioned[c] - _seen[c, r];
        }
        return missed;
    }

    /// <summary>What the manifest says about the conditioning.</summary>
    public ConditioningSummary Summary()
    {
        var ess = ConditionedCouncils.ToDictionary(c => c, c => Math.Round(EffectiveSampleSize(c), 2), StringComparer.Ordinal);
        var sorted = ess.Values.Order().ToArray();
        return new ConditioningSummary(
            _observed.File,
            _observed.Sha256,
            _observed.Until.ToString(),
            ConditionedCouncils.Sum(ConditionedInspections),
            sorted.Length,
            sorted.Length == 0 ? 0 : sorted[0],
            sorted.Length == 0 ? 0 : sorted[sorted.Length / 2],
            sorted.Count(x => x == 0),
            Missed(),
            ess);
    }
}

/// <summary>The manifest's account of a conditioned run: the record, its cutoff and the effective sample size per council.</summary>
public sealed record ConditioningSummary(
    [property: JsonPropertyName("judgements")] string Judgements,
    [property: JsonPropertyName("judgements_sha256")] string JudgementsSha256,
    [property: JsonPropertyName("until")] string Until,
    [property: JsonPropertyName("conditioned_inspections")] int ConditionedInspections,
    [property: JsonPropertyName("conditioned_councils")] int ConditionedCouncils,
    [property: JsonPropertyName("effective_sample_size_min")] double EssMin,
    [property: JsonPropertyName("effective_sample_size_median")] double EssMedian,
    [property: JsonPropertyName("councils_with_no_consistent_replicate")] int Degenerate,
    [property: JsonPropertyName("recorded_judgements_missed")] int Missed,
    [property: JsonPropertyName("effective_sample_size")] IReadOnlyDictionary<string, double> EffectiveSampleSize);
