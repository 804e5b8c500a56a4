using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Simulation.Model.Engine;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Silo.Running;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>patterns SCENARIO</c>: runs a scenario with a judgement record unconditioned (judgements
/// emerge at the recorded months) and measures the record's national patterns against it: the
/// 2013-2019 transition matrix, shares of latest grades each December, the sub-judgement rule
/// (<see cref="NationalPatterns"/>). The fit a calibration on the national record is to improve.
/// </summary>
public static class PatternsCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "A scenario with observed: {judgements, ...}, e.g. scenarios/england.yaml." };
        var replicates = new Option<int>("--replicates", "-n") { Description = "Replicates to run.", DefaultValueFactory = _ => 20 };
        var seed = new Option<long?>("--seed") { Description = "Seed, overriding the scenario's." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the table (national-patterns.csv format) to this file." };
        var command = new Command("patterns", "Measure the national record's patterns (2013-2019 transition matrix, shares of latest grades, the sub-judgement rule, "
            + "agency share by grade, the grades of councils with trusts or partners, Doncaster's recorded judgements) "
            + "on an unconditioned run of a scenario with a judgement record: the fit a calibration on the national record is to improve.")
        {
            scenario, replicates, seed, output,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(scenario)!;
            var n = parse.GetValue(replicates);
            if (n is < 1 or > 10_000)
            {
                Console.Error.WriteLine($"--replicates: {n} is out of range; expected 1 to 10000");
                return ExitCodes.BadInput;
            }
            if (LoadWithRecord(path, "measure patterns against") is not { } loaded) return ExitCodes.BadInput;
            var s = loaded.With(parse.GetValue(seed), n);
            var clock = Stopwatch.StartNew();
            var free = s.Unconditioned();
            var rows = NationalPatterns.Compare(NationalPatterns.FromRecord(s.Observed!), await RunAsync(free, cancellation), context: NationalContext.Of(s));
            var text = NationalPatterns.Table(rows);
            if (parse.GetValue(output) is { } file) File.WriteAllText(file, text);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Name}: {n} unconditioned replicates (seed {free.Setup.Seed}) in {clock.Elapsed.TotalSeconds:0.0} s; record {s.Observed!.File}, {NationalPatterns.From} to {NationalPatterns.To}"));
            foreach (var group in rows.GroupBy(r => r.Pattern))
            {
                var worst = group.Where(r => double.IsFinite(r.Simulated)).MaxBy(r => Math.Abs(r.Simulated - r.Recorded));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {group.Key,-13} {group.Count(r => r.Within)}/{group.Count()} within ±{group.First().Tolerance:0.00}; largest gap {worst?.Key}: recorded {worst?.Recorded:0.00}, simulated {worst?.Simulated:0.00}"));
            }
            Console.Write(text);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Loads a scenario that names a judgement record, or prints why it cannot (its located errors,
    /// or that it names no record to <paramref name="purpose"/>) and gives null: exit 2.
    /// </summary>
    public static Scenario? LoadWithRecord(string path, string purpose)
    {
        try
        {
            var s = ScenarioLoader.Load(path);
            if (s.Observed is not null) return s;
            Console.Error.WriteLine($"{path}: observed: the scenario names no judgement record to {purpose}");
        }
        catch (ScenarioException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine(error);
        }
        return null;
    }

    /// <summary>
    /// Each replicate's judgements in the patterns' window, with the judged service's agency share
    /// that month, stepped directly (the same MonthRunner the grains use).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Graded>>> RunAsync(Scenario scenario, CancellationToken cancellation) =>
        await RunAsync(Evaluator.Local(1), scenario, cancellation);

    /// <summary>
    /// Each replicate's judgements in the patterns' window, with the judged service's agency share
    /// that month, from one evaluation (<see cref="Evaluator"/>) of the scenario up to the window's
    /// last month (the model never looks ahead to the run's end, so the months up to then are the
    /// same as in a run to the end).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<Graded>>> RunAsync(Evaluator evaluator, Scenario scenario, CancellationToken cancellation)
    {
        var setup = scenario.Setup;
        var sink = new GradedSink(setup.Replicates);
        if (setup.Start <= NationalPatterns.To)
        {
            var window = setup.End <= NationalPatterns.To ? setup : setup with { End = NationalPatterns.To };
            await evaluator.RunAsync(window, sink, cancellation);
        }
        return sink.ByReplicate;
    }

    /// <summary>Collects each replicate's judgements in the patterns' window, with the judged service's agency share that month.</summary>
    private sealed class GradedSink(int replicates) : IRunSink
    {
        private readonly List<Graded>[] _byReplicate = [.. Enumerable.Range(0, replicates).Select(_ => new List<Graded>())];

        public IReadOnlyList<IReadOnlyList<Graded>> ByReplicate => _byReplicate;

        public void Write(MonthResult result)
        {
            if (result.Month < NationalPatterns.From || result.Month > NationalPatterns.To || result.Inspections.IsEmpty) return;
            var agency = new Dictionary<(int, string), double>();
            foreach (var i in result.Inspections) agency[(i.Replicate, i.Judgement.Area)] = double.NaN;
            foreach (var r in result.Metrics)
            {
                if (r.Metric == Metric.AgencyShare && agency.ContainsKey((r.Replicate, r.Entity))) agency[(r.Replicate, r.Entity)] = r.Value;
            }
            foreach (var i in result.Inspections)
            {
                var j = i.Judgement;
                _byReplicate[i.Replicate].Add(new Graded(j.Area, j.Month, j.Overall, j.HelpAndProtection, agency[(i.Replicate, j.Area)]));
            }
        }
    }
}
