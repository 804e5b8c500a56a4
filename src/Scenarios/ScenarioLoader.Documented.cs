using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.World;
using Simulation.Scenarios.Yaml;

namespace Simulation.Scenarios;

public static partial class ScenarioLoader
{
    /// <summary>
    /// Reads a documented-judgements CSV (council,month,overall,source): history to compare the
    /// simulation with. It only reaches plots and reports; the model never sees it.
    /// </summary>
    private static (ImmutableArray<DocumentedJudgement>, string) ReadDocumented(string full, string shown, WorldSetup setup, Reader r)
    {
        var (read, problem) = ScenarioFiles.Read(full, MaxFileBytes);
        if (read is not { } bytes)
        {
            r.Errors.Add(new ScenarioError(shown, 0, 0, "", problem!));
            return ([], "");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            r.Errors.Add(new ScenarioError(shown, 0, 0, "", "expected a small CSV text file: council,month,overall,source"));
            return ([], sha);
        }
        var lines = Encoding.UTF8.GetString(bytes).Replace("\r", "", StringComparison.Ordinal).Split('\n');
        if (lines[0].Trim() != "council,month,overall,source")
        {
            r.Errors.Add(new ScenarioError(shown, 1, 1, "", "the header must be council,month,overall,source"));
            return ([], sha);
        }
        var councils = setup.Councils.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<DocumentedJudgement>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = CsvLine.Split(lines[i]);
            void Error(string key, string message) => r.Errors.Add(new ScenarioError(shown, i + 1, 1, key, message));
            if (fields.Count != 4)
            {
                Error("", $"expected 4 fields (council,month,overall,source), found {fields.Count}");
                continue;
            }
            var ok = true;
            if (!councils.Contains(fields[0]))
            {
                Error("council", $"'{fields[0]}' is not a council of the scenario{Suggestions.DidYouMean(fields[0], councils)}");
                ok = false;
            }
            if (!Model.Time.Month.TryParse(fields[1], out var month))
            {
                Error("month", $"'{fields[1]}' is not a month; expected YYYY-MM");
                ok = false;
            }
            if (!Frameworks.GradeNames.TryGetValue(fields[2], out var grade))
            {
                Error("overall", $"'{fields[2]}' is not one of {string.Join(", ", Frameworks.GradeNames.Keys)}{Suggestions.DidYouMean(fields[2], Frameworks.GradeNames.Keys)}");
                ok = false;
            }
            if (ok) result.Add(new DocumentedJudgement(fields[0], month, grade, fields[3]));
        }
        return (result.ToImmutable(), sha);
    }
}
