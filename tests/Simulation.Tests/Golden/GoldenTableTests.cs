using System.Security.Cryptography;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Golden;

/// <summary>
/// Golden digests: the SHA-256 of every shipped scenario's tables (a few replicates, the scenario's
/// own seed, every variant of an experiment), recorded in <c>digests.txt</c> beside this file. A
/// refactor must leave them as they are; a change of results must be deliberate. When one is, run
/// with <c>UPDATE_GOLDEN=1</c> to rewrite the file, and say in the commit why the results changed.
/// </summary>
public sealed class GoldenTableTests
{
    // Replicates are independent and keyed by index, so a few stand for all: the first replicates of
    // a full run are these, byte for byte (the block-size and cluster tests check that). A national
    // scenario's one replicate holds 151 councils' histories, enough to catch a change, in a third
    // of the time.
    private const int Replicates = 3;
    private const int NationalReplicates = 1;

    private static string DigestFile => Repository.File("tests", "Simulation.Tests", "Golden", "digests.txt");

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var file in ShippedFiles()) data.Add(file);
        return data;
    }

    private static List<string> ShippedFiles() =>
        [.. Directory.EnumerateFiles(Repository.File("scenarios"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Shipped_scenario_tables_match_their_golden_digests(string file)
    {
        var actual = await DigestsOf(file);
        var expected = Read().Where(d => d.Key.StartsWith(file + " ", StringComparison.Ordinal)).ToDictionary();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Update(file, actual);
            return;
        }
        var changed = actual.Where(a => !expected.TryGetValue(a.Key, out var e) || e != a.Value).Select(a => $"{a.Key} {a.Value}").ToList();
        changed.AddRange(expected.Keys.Except(actual.Keys).Select(k => $"{k} (no longer produced)"));
        Assert.True(changed.Count == 0,
            $"results of {file} changed; if deliberate, rerun with UPDATE_GOLDEN=1 and explain why in the commit:\n{string.Join('\n', changed)}");
    }

    [Fact]
    public void Every_shipped_scenario_has_golden_digests()
    {
        var files = ShippedFiles().ToHashSet(StringComparer.Ordinal);
        var recorded = Read().Keys.Select(k => k.Split(' ')[0]).ToHashSet();
        Assert.Empty(files.Except(recorded));
        Assert.Empty(recorded.Except(files));
    }

    private static async Task<Dictionary<string, string>> DigestsOf(string file)
    {
        var loaded = ScenarioLoader.Load(Repository.Scenario(file));
        var scenario = loaded.With(null, loaded.Setup.Councils.Length > 20 ? NationalReplicates : Replicates);
        var variants = scenario.Experiment?.Variants.AsEnumerable().Select((v, i) => (Name: $"variant-{i}", Scenario: scenario.ForVariant(v))).ToList()
            ?? [("base", scenario)];
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, run) in variants)
        {
            using var folder = new TempFolder();
            var results = await Runs.DirectAsync(run.Setup);
            Runs.Write(results, folder.Path);
            foreach (var table in Runs.Tables)
            {
                var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(folder.Combine(table))));
                digests[$"{file} {name} {table}"] = hash;
            }
            // outcomes.csv, derived from the same months by the product's recorder.
            var recorder = new Simulation.Silo.Outcomes.OutcomeRecorder(run.Setup);
            foreach (var month in results) recorder.Write(month);
            var outcomes = Simulation.Silo.Outcomes.OutcomeTable.Rows([new(run.Name, [], recorder.Result())]);
            digests[$"{file} {name} {Simulation.Silo.Outcomes.OutcomeTable.FileName}"] = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(outcomes)));
        }
        return digests;
    }

    private static Dictionary<string, string> Read() => Read(DigestFile);

    /// <summary>A digest file's entries: lines of <c>key digest</c>, the key possibly with spaces; '#' starts a comment.</summary>
    internal static Dictionary<string, string> Read(string file) =>
        !File.Exists(file) ? [] : File.ReadLines(file)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Key: l[..l.LastIndexOf(' ')], Value: l[(l.LastIndexOf(' ') + 1)..]))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);

    private static readonly Lock UpdateLock = new();

    private static void Update(string file, Dictionary<string, string> actual)
    {
        lock (UpdateLock)
        {
            var all = Read().Where(d => !d.Key.StartsWith(file + " ", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
            foreach (var (k, v) in actual) all[k] = v;
            var lines = new List<string>
            {
                "# SHA-256 of each shipped scenario's tables: scenario, variant, table, digest.",
                $"# {Replicates} replicates ({NationalReplicates} for a national scenario), the scenario's seed; written by GoldenTableTests with UPDATE_GOLDEN=1.",
            };
            lines.AddRange(all.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}"));
            File.WriteAllLines(DigestFile, lines);
        }
    }
}
