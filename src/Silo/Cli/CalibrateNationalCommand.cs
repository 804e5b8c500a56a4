using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Simulation.Model.Parameters;
using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Silo.Output;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>calibrate-national</c>: ABC-SMC over the calibrated parameters (uniform priors on their search
/// ranges) against the national record's patterns measured on the unconditioned real England
/// (<see cref="NationalPatterns"/>). Writes the final population as a weighted posterior and a
/// summary of what the record identifies. Counterfactual effects are never targets.
/// </summary>
public static class CalibrateNationalCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "The scenario with a judgement record.", DefaultValueFactory = _ => "scenarios/england.yaml" };
        var particles = new Option<int>("--particles") { Description = "Particles per generation.", DefaultValueFactory = _ => 100 };
        var generations = new Option<int>("--generations") { Description = "Generations: each keeps the better half of the population (its largest distance is the new tolerance) and refills it by MCMC moves.", DefaultValueFactory = _ => 6 };
        var until = new Option<string?>("--until") { Description = "Fit only the record up to this month (YYYY-MM; default its graded end, 2019-12), so that a backtest from it is out of sample." };
        var steps = new Option<int>("--steps") { Description = "Metropolis-Hastings moves per refilled particle each generation.", DefaultValueFactory = _ => 3 };
        var replicates = new Option<int>("--replicates", "-n") { Description = "Replicates per evaluation.", DefaultValueFactory = _ => 10 };
        var seed = new Option<long>("--seed") { Description = "Seed of the proposals and of every evaluation's replicates.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "The posterior (weighted parameter sets); a summary is written beside it.", DefaultValueFactory = _ => "scenarios/calibration/posterior.csv" };
        var command = new Command("calibrate-national", "Approximate Bayesian computation (ABC-SMC) of the calibrated parameters against the national record's patterns "
            + "(2013-2019 transition matrix and shares of latest grades, on the unconditioned real England): a weighted posterior and what the record identifies.")
        {
            scenario, particles, generations, steps, replicates, seed, output, until,
        };
        command.SetAction(parse =>
        {
            if (PatternsCommand.LoadWithRecord(parse.GetValue(scenario)!, "calibrate against") is not { } s) return ExitCodes.BadInput;
            Simulation.Model.Time.Month? cutoff = null;
            if (parse.GetValue(until) is { } untilText)
            {
                if (!Simulation.Model.Time.Month.TryParse(untilText, out var parsed))
                {
                    Console.Error.WriteLine($"--until: '{untilText}' is not a month; expected YYYY-MM");
                    return ExitCodes.BadInput;
                }
                cutoff = parsed;
            }
            var n = parse.GetValue(replicates);
            var free = s.Unconditioned();
            var record = NationalPatterns.FromRecord(s.Observed!);
            var keys = ParameterCatalog.All.Where(p => p.Declaration.Calibrated).ToArray();
            var clock = Stopwatch.StartNew();
            var evaluations = 0;
            double Distance(double[] theta, long evaluationSeed)
            {
                var parameters = free.Setup.Parameters;
                for (var i = 0; i < keys.Length; i++) parameters = keys[i].With(parameters, theta[i]);
                // Each evaluation runs one parameter set: a scenario's posterior, if it names one, is not used.
                var run = free with { Setup = free.Setup with { Parameters = parameters, Posterior = null, Replicates = n, Seed = evaluationSeed } };
                var judgements = PatternsCommand.RunAsync(run, CancellationToken.None).GetAwaiter().GetResult();
                Interlocked.Increment(ref evaluations);
                return NationalDistance(NationalPatterns.Compare(record, judgements, cutoff));
            }
            var abc = new AbcSmc([.. keys.Select(k => k.SearchLow)], [.. keys.Select(k => k.SearchHigh)], Distance)
            {
                Particles = parse.GetValue(particles),
                Generations = parse.GetValue(generations),
                Steps = Math.Max(1, parse.GetValue(steps)),
                Seed = parse.GetValue(seed),
            };
            var gens = abc.Run(g => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generation {g.Index}: tolerance {g.Tolerance:0.0000}, {g.Moved} of {g.Proposed} moves accepted ({g.AcceptanceRate:0%}), {g.Unique} distinct of {g.Particles.Count}, distances {g.Particles.Min(p => p.Distance):0.0000} to {g.Particles.Max(p => p.Distance):0.0000}; {evaluations} evaluations, {clock.Elapsed.TotalMinutes:0.0} min")));
            var last = gens[^1];
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, PosteriorTable(keys, last));
            var summaryPath = Path.ChangeExtension(path, null) + "-summary.csv";
            File.WriteAllText(summaryPath, SummaryTable(keys, last));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{evaluations} evaluations of {n} replicates in {clock.Elapsed.TotalMinutes:0.0} min -> {path}, {summaryPath}"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The distance between a run and the record: the root mean square of the transition-share
    /// differences (cells of rows the record has) plus that of the latest-share differences (each
    /// December 2014-2019, four grades), equally weighted.
    /// </summary>
    public static double NationalDistance(IReadOnlyList<NationalPatternRow> rows)
    {
        static double Rms(IEnumerable<NationalPatternRow> r)
        {
            var d = r.Select(x => double.IsFinite(x.Simulated) ? x.Simulated - x.Recorded : 1.0).ToArray();
            return d.Length == 0 ? 0 : Math.Sqrt(d.Average(x => x * x));
        }
        return Rms(rows.Where(r => r.Pattern == "transition")) + Rms(rows.Where(r => r.Pattern == "latest_share"));
    }

    private static string PosteriorTable(ParameterInfo[] keys, AbcGeneration g)
    {
        var sb = new StringBuilder("particle,weight,distance");
        var weight = (1.0 / g.Particles.Count).ToString("R", CultureInfo.InvariantCulture);
        foreach (var k in keys) sb.Append(',').Append(k.Key);
        sb.Append('\n');
        for (var i = 0; i < g.Particles.Count; i++)
        {
            var p = g.Particles[i];
            sb.Append(i.ToString(CultureInfo.InvariantCulture)).Append(',').Append(weight).Append(',')
                .Append(p.Distance.ToString("R", CultureInfo.InvariantCulture));
            foreach (var x in p.Theta) sb.Append(',').Append(x.ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Per parameter: prior range, weighted posterior mean, sd and 5-95% quantiles, and the ratio of
    /// the posterior sd to the prior's (uniform: width / sqrt 12). Near 1: the record does not
    /// identify it; well below 1: it does.
    /// </summary>
    private static string SummaryTable(ParameterInfo[] keys, AbcGeneration g)
    {
        var sb = new StringBuilder("parameter,prior_low,prior_high,posterior_mean,posterior_sd,p05,p95,sd_ratio\n");
        for (var i = 0; i < keys.Length; i++)
        {
            var values = g.Particles.Select(p => (X: p.Theta[i], Weight: 1.0 / g.Particles.Count)).OrderBy(v => v.X).ToArray();
            var mean = values.Sum(v => v.Weight * v.X);
            var sd = Math.Sqrt(values.Sum(v => v.Weight * (v.X - mean) * (v.X - mean)));
            double Q(double q)
            {
                var c = 0.0;
                foreach (var v in values)
                {
                    c += v.Weight;
                    if (c >= q) return v.X;
                }
                return values[^1].X;
            }
            var priorSd = (keys[i].SearchHigh - keys[i].SearchLow) / Math.Sqrt(12);
            sb.Append(keys[i].Key).Append(',').Append(Csv.Number(keys[i].SearchLow)).Append(',').Append(Csv.Number(keys[i].SearchHigh)).Append(',')
                .Append(Csv.Number(mean)).Append(',').Append(Csv.Number(sd)).Append(',').Append(Csv.Number(Q(0.05))).Append(',').Append(Csv.Number(Q(0.95))).Append(',')
                .Append(Csv.Number(sd / priorSd)).Append('\n');
        }
        return sb.ToString();
    }
}
