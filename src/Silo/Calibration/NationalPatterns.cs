using System.Globalization;
using System.Text;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Scenarios;
using Simulation.Silo.Output;

namespace Simulation.Silo.Calibration;

/// <summary>
/// One overall judgement of a council, as the national patterns read it, with the service's agency
/// share that month (NaN where unknown: the record has none).
/// </summary>
public readonly record struct Graded(string Council, Month Month, Grade Overall, Grade? Help, double Agency = double.NaN);

/// <summary>
/// What the patterns beyond the transition matrix and the shares need to know about the scenario:
/// the councils whose service a trust or company ran, or a partner supported, at some time (their
/// recorded trajectories are a pattern), and the council whose documented history is a pattern
/// (Doncaster, DONCASTER.md).
/// </summary>
public sealed record NationalContext(IReadOnlySet<string> ArrangementCouncils, string? DocumentedCouncil)
{
    public static NationalContext None { get; } = new(new HashSet<string>(StringComparer.Ordinal), null);

    /// <summary>
    /// The context of a scenario: councils with a trust go-live or an engaged partner among its
    /// inputs dated within the patterns' window (to 2019-12; a later arrangement does not bear on it).
    /// </summary>
    public static NationalContext Of(Scenario scenario, string? documentedCouncil = "doncaster")
    {
        var councils = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in scenario.Setup.Inputs)
        {
            if (input.Month > NationalPatterns.To) continue;
            switch (input.Message)
            {
                case Simulation.Model.World.TrustGoLive when input.To.Kind == Simulation.Model.World.EntityKind.Council:
                    councils.Add(input.To.Id);
                    break;
                case Simulation.Model.World.PartnerEngaged m:
                    councils.Add(m.Council);
                    break;
            }
        }
        var documented = documentedCouncil is not null && scenario.Setup.Councils.Any(c => c.Id == documentedCouncil) ? documentedCouncil : null;
        return new NationalContext(councils, documented);
    }
}

/// <summary>One pattern of the national record against a run: the recorded value, the simulated mean and its 90% range across replicates.</summary>
public sealed record NationalPatternRow(string Pattern, string Key, double Recorded, double Simulated, double P05, double P95, double Tolerance)
{
    /// <summary>Whether the simulated mean is within the tolerance of the record (NaN where the record has no value).</summary>
    public bool Within => Math.Abs(Simulated - Recorded) <= Tolerance + 1e-12;
}

/// <summary>
/// The patterns of the national record that issue 17's calibration is to reproduce, measured the
/// same way on the record and on an unconditioned run (judgements emerging at the recorded
/// inspection months), 2013-11 to 2019-12 (the graded part of the record):
/// <list type="bullet">
/// <item>the transition matrix between consecutive full inspections of the same council: the share
/// of next grades from each grade (target ±0.08 per cell);</item>
/// <item>national shares of latest grades each December 2014-2019, among councils inspected so far
/// in the window (target ±5 points);</item>
/// <item>the sub-judgement rule: the share of inspections with inadequate help and protection whose
/// overall grade is inadequate;</item>
/// <item>workforce by grade: the mean agency share of services when judged each grade, against
/// NATIONAL.md's census by grade (target ±0.03);</item>
/// <item>the trajectories of councils with trusts, companies or partners: the shares of their
/// judgements by grade (target ±0.08);</item>
/// <item>the documented history (Doncaster): the share of replicates that reach each recorded
/// judgement in the window (target at least 0.5, issue 17).</item>
/// </list>
/// </summary>
public static class NationalPatterns
{
    public static readonly Month From = Frameworks.SingleInspectionStart;
    public static readonly Month To = Month.Of(2019, 12);
    public const double TransitionTolerance = 0.08;
    public const double ShareTolerance = 0.05;
    public const double AgencyTolerance = 0.03;
    public const double ArrangementTolerance = 0.08;
    public const double DocumentedTolerance = 0.5;

    /// <summary>
    /// Agency share by the authority's grade, NATIONAL.md (workforce census, September 2020): 27%
    /// at inadequate, 16.4% requires improvement, 15.1% good, 6.4% outstanding authorities. The
    /// only workforce-by-grade figures the sources give; they postdate the window by a year.
    /// </summary>
    public static readonly IReadOnlyDictionary<Grade, double> AgencyByGrade = new Dictionary<Grade, double>
    {
        [Grade.Inadequate] = 0.27,
        [Grade.RequiresImprovement] = 0.164,
        [Grade.Good] = 0.151,
        [Grade.Outstanding] = 0.064,
    };

    private static readonly Grade[] All = [Grade.Inadequate, Grade.RequiresImprovement, Grade.Good, Grade.Outstanding];

    /// <summary>Counts of transitions [from - 1, to - 1] between consecutive judgements of each council within the window.</summary>
    public static int[,] Transitions(IEnumerable<Graded> judgements)
    {
        var counts = new int[4, 4];
        foreach (var council in judgements.Where(j => j.Month >= From && j.Month <= To).GroupBy(j => j.Council, StringComparer.Ordinal))
        {
            var ordered = council.OrderBy(j => j.Month).ToList();
            for (var i = 1; i < ordered.Count; i++) counts[(int)ordered[i - 1].Overall - 1, (int)ordered[i].Overall - 1]++;
        }
        return counts;
    }

    /// <summary>
    /// Shares of councils by latest grade at <paramref name="at"/> (index grade - 1), among those
    /// judged from <paramref name="from"/> (default the window's start) to then; null when none.
    /// </summary>
    public static double[]? LatestShares(IEnumerable<Graded> judgements, Month at, Month? from = null)
    {
        var start = from ?? From;
        var latest = judgements.Where(j => j.Month >= start && j.Month <= at)
            .GroupBy(j => j.Council, StringComparer.Ordinal)
            .Select(g => g.MaxBy(j => j.Month).Overall)
            .ToList();
        if (latest.Count == 0) return null;
        return [.. All.Select(g => latest.Count(x => x == g) / (double)latest.Count)];
    }

    /// <summary>The share of judgements with inadequate help and protection whose overall grade is inadequate; NaN when none.</summary>
    public static double HelpRule(IEnumerable<Graded> judgements)
    {
        var withInadequateHelp = judgements.Where(j => j.Month >= From && j.Month <= To && j.Help == Grade.Inadequate).ToList();
        return withInadequateHelp.Count == 0 ? double.NaN : withInadequateHelp.Count(j => j.Overall == Grade.Inadequate) / (double)withInadequateHelp.Count;
    }

    /// <summary>The record's graded judgements as the patterns read them.</summary>
    public static List<Graded> FromRecord(ObservedRecord record) =>
        [.. record.Graded.Select(i => new Graded(i.Council, i.Month, i.Judgement!.Overall, i.Judgement.HelpAndProtection))];

    /// <summary>
    /// Every pattern: recorded against simulated (<paramref name="replicates"/>: each replicate's
    /// judgements). Transition shares pool the replicates' transitions; their range is across
    /// replicates' own row shares.
    /// </summary>
    public static IReadOnlyList<NationalPatternRow> Compare(
        IReadOnlyList<Graded> record, IReadOnlyList<IReadOnlyList<Graded>> replicates, Month? until = null, NationalContext? context = null)
    {
        context ??= NationalContext.None;
        // A calibration that is to be tested on later judgements sees the record up to a cutoff only.
        var end = until is { } u && u < To ? u : To;
        if (end < To)
        {
            record = [.. record.Where(j => j.Month <= end)];
            replicates = [.. replicates.Select(r => (IReadOnlyList<Graded>)[.. r.Where(j => j.Month <= end)])];
        }
        var rows = new List<NationalPatternRow>();
        var recorded = Transitions(record);
        var simulated = replicates.Select(Transitions).ToList();
        var pooled = new int[4, 4];
        foreach (var s in simulated)
        {
            for (var a = 0; a < 4; a++)
            for (var b = 0; b < 4; b++) pooled[a, b] += s[a, b];
        }
        foreach (var from in All)
        {
            var f = (int)from - 1;
            var recordedRow = Row(recorded, f);
            if (recordedRow is null) continue;
            var pooledRow = Row(pooled, f);
            foreach (var to in All)
            {
                var t = (int)to - 1;
                var each = simulated.Select(s => Row(s, f)).Where(r => r is not null).Select(r => r![t]).Order().ToArray();
                rows.Add(new NationalPatternRow("transition", $"{Name(from)}->{Name(to)}", recordedRow[t], pooledRow?[t] ?? double.NaN,
                    Quantile(each, 0.05), Quantile(each, 0.95), TransitionTolerance));
            }
        }
        for (var year = From.Year + 1; year <= end.Year && Month.Of(year, 12) <= end; year++)
        {
            var at = Month.Of(year, 12);
            var r = LatestShares(record, at);
            if (r is null) continue;
            var each = replicates.Select(j => LatestShares(j, at)).Where(x => x is not null).Select(x => x!).ToList();
            foreach (var g in All)
            {
                var values = each.Select(x => x[(int)g - 1]).Order().ToArray();
                rows.Add(new NationalPatternRow("latest_share", $"{at} {Name(g)}", r[(int)g - 1], values.Length == 0 ? double.NaN : values.Average(),
                    Quantile(values, 0.05), Quantile(values, 0.95), ShareTolerance));
            }
        }
        var rule = replicates.Select(HelpRule).Where(double.IsFinite).Order().ToArray();
        rows.Add(new NationalPatternRow("help_rule", "overall inadequate when help and protection inadequate", HelpRule(record),
            rule.Length == 0 ? double.NaN : rule.Average(), Quantile(rule, 0.05), Quantile(rule, 0.95), 0));

        // Workforce by grade: only where the run measured agency shares.
        if (replicates.Any(r => r.Any(j => double.IsFinite(j.Agency))))
        {
            foreach (var g in All)
            {
                var each = replicates.Select(r => r.Where(j => InWindow(j, end) && j.Overall == g && double.IsFinite(j.Agency)).Select(j => j.Agency).ToArray())
                    .Where(a => a.Length > 0).Select(a => a.Average()).Order().ToArray();
                rows.Add(new NationalPatternRow("agency_by_grade", Name(g), AgencyByGrade[g], each.Length == 0 ? double.NaN : each.Average(),
                    Quantile(each, 0.05), Quantile(each, 0.95), AgencyTolerance));
            }
        }

        // The trajectories of councils with trusts, companies or partners: their judgements by grade.
        if (context.ArrangementCouncils.Count > 0)
        {
            bool Arranged(Graded j) => InWindow(j, end) && context.ArrangementCouncils.Contains(j.Council);
            var recordedShares = GradeShares(record.Where(Arranged));
            if (recordedShares is not null)
            {
                var pooledShares = GradeShares(replicates.SelectMany(r => r.Where(Arranged)));
                var each = replicates.Select(r => GradeShares(r.Where(Arranged))).Where(x => x is not null).Select(x => x!).ToList();
                foreach (var g in All)
                {
                    var values = each.Select(x => x[(int)g - 1]).Order().ToArray();
                    rows.Add(new NationalPatternRow("arrangement_share", Name(g), recordedShares[(int)g - 1], pooledShares?[(int)g - 1] ?? double.NaN,
                        Quantile(values, 0.05), Quantile(values, 0.95), ArrangementTolerance));
                }
            }
        }

        // The documented history: each recorded judgement of the documented council, reached by how many replicates.
        if (context.DocumentedCouncil is { } documented)
        {
            foreach (var j in record.Where(j => InWindow(j, end) && j.Council == documented).OrderBy(j => j.Month))
            {
                var reached = replicates.Count(r => r.Any(x => x.Council == documented && x.Month == j.Month && x.Overall == j.Overall));
                var share = replicates.Count == 0 ? double.NaN : reached / (double)replicates.Count;
                rows.Add(new NationalPatternRow("documented", $"{documented} {j.Month} {Name(j.Overall)}", 1, share, double.NaN, double.NaN, DocumentedTolerance));
            }
        }
        return rows;
    }

    private static bool InWindow(Graded j, Month end) => j.Month >= From && j.Month <= end;

    private static double[]? GradeShares(IEnumerable<Graded> judgements)
    {
        var counts = new double[4];
        var n = 0;
        foreach (var j in judgements)
        {
            counts[(int)j.Overall - 1]++;
            n++;
        }
        if (n == 0) return null;
        for (var i = 0; i < 4; i++) counts[i] /= n;
        return counts;
    }

    /// <summary>national-patterns.csv.</summary>
    public static string Table(IReadOnlyList<NationalPatternRow> rows)
    {
        var sb = new StringBuilder("pattern,key,recorded,simulated,p05,p95,tolerance,within\n");
        foreach (var r in rows)
        {
            sb.Append(r.Pattern).Append(',').Append(Csv.Field(r.Key)).Append(',').Append(Csv.Number(r.Recorded)).Append(',')
                .Append(Csv.Number(r.Simulated)).Append(',').Append(Csv.Number(r.P05)).Append(',').Append(Csv.Number(r.P95)).Append(',')
                .Append(Csv.Number(r.Tolerance)).Append(',').Append(r.Within ? "yes" : "no").Append('\n');
        }
        return sb.ToString();
    }

    private static double[]? Row(int[,] counts, int from)
    {
        var n = 0;
        for (var t = 0; t < 4; t++) n += counts[from, t];
        if (n == 0) return null;
        var row = new double[4];
        for (var t = 0; t < 4; t++) row[t] = counts[from, t] / (double)n;
        return row;
    }

    private static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Length - 1), MidpointRounding.AwayFromZero)];

    private static string Name(Grade g) => Frameworks.Label(g, Framework.Ilacs);

    internal static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);
}
