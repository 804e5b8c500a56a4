using Simulation.Silo.Output;

namespace Simulation.Silo.Plots;

/// <summary>
/// What a comparison compares: one council in every run, or England — every council of each run —
/// when every run has at least <see cref="National.MinCouncils"/> councils and no council was
/// asked for.
/// </summary>
public sealed record ComparisonScope(string? Council)
{
    /// <summary>The entity column of the comparison's tables in national scope.</summary>
    public const string England = "england";

    public static readonly ComparisonScope National = new((string?)null);

    public bool IsNational => Council is null;

    /// <summary>The entity whose bands the series tables hold: the council, or <c>all</c>.</summary>
    public string SeriesEntity => Council ?? ResultWriter.AllCouncils;

    /// <summary>The entity column of differences.csv and trusts.csv.</summary>
    public string Entity => Council ?? England;

    /// <summary>How the figures and the report name the scope: "England (151 councils)" or the council's id.</summary>
    public string Name(IReadOnlyList<ResultRun> runs)
    {
        if (Council is not null) return Council;
        var counts = runs.Select(r => r.Summary.Councils.Count).Distinct().ToList();
        return $"England ({string.Join(" and ", counts)} councils)";
    }

    /// <summary>
    /// Picks the scope for these runs, or throws with a message saying why none fits: a council
    /// missing from a run, or national runs mixed with runs of a few councils and no council named.
    /// </summary>
    public static ComparisonScope Choose(IReadOnlyList<ResultSource> runs, string? council)
    {
        if (council is not null)
        {
            Require(runs, council, "");
            return new ComparisonScope(council);
        }
        var national = runs.Where(r => r.Councils.Count >= Plots.National.MinCouncils).ToList();
        if (national.Count == runs.Count) return National;
        if (national.Count > 0)
        {
            var small = runs.First(r => r.Councils.Count < Plots.National.MinCouncils);
            var shared = runs.Skip(1).Aggregate(runs[0].Councils.AsEnumerable(), (ids, r) => ids.Intersect(r.Councils, StringComparer.Ordinal)).ToList();
            throw new ResultFolderException(
                $"compare: {national[0].Folder} has {national[0].Councils.Count} councils (compared as England) but {small.Folder} has {small.Councils.Count}; "
                + $"pass --council ID to compare one council in every run ({(shared.Count == 0 ? "no council is in every run" : $"in every run: {Few(shared)}")})");
        }
        var first = runs[0].Councils[0];
        Require(runs, first, $" (the first council of {runs[0].Folder}; pass --council ID to compare another)");
        return new ComparisonScope(first);
    }

    private static void Require(IReadOnlyList<ResultSource> runs, string council, string why)
    {
        foreach (var r in runs)
        {
            if (!r.Councils.Contains(council, StringComparer.Ordinal))
                throw new ResultFolderException($"{r.Folder}: no council '{council}'{why}; it has {Few(r.Councils)}");
        }
    }

    private static string Few(IReadOnlyList<string> ids) =>
        ids.Count <= 6 ? string.Join(", ", ids) : $"{ids.Count} councils: {string.Join(", ", ids.Take(5))}, ...";

    /// <summary>
    /// Per replicate, good or better in force: nationally the share of the councils judged so far
    /// (NaN before any is), for a council 1 or 0 (0 before its first judgement).
    /// </summary>
    public double GoodOrBetter(Tally t) => IsNational ? Tally.ShareOf(t.GoodOrBetter, t.Judged) : t.GoodOrBetter;

    /// <summary>Per replicate, inadequate in force, in the same terms as <see cref="GoodOrBetter"/>.</summary>
    public double Inadequate(Tally t) => IsNational ? Tally.ShareOf(t.Inadequate, t.Judged) : t.Inadequate;

    /// <summary>Per replicate, the share of the councils in scope ever moved to a trust (for a council, 1 or 0).</summary>
    public static double EverTrust(Tally t, int councils) => Tally.ShareOf(t.EverTrust, councils);
}
