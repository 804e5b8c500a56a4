using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Simulation.Model.Engine;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Silo.Hosting;
using Simulation.Silo.Running;

namespace Simulation.Silo.Cli;

/// <summary>
/// <c>bench</c>: measures, in one process, how fast a scenario runs through Orleans and stepped
/// directly (no grains), whether the two agree, how cost grows with replicates, and peak memory.
/// Nothing is written but the figures; docs/PERFORMANCE.md records them.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario to run.", DefaultValueFactory = _ => "scenarios/england.yaml" };
        var replicates = new Option<int>("--replicates", "-n") { Description = "Replicates of the main measurement.", DefaultValueFactory = _ => 100 };
        var scaling = new Option<string>("--scaling")
        {
            Description = "Comma-separated replicate counts to measure cost growth at through Orleans (e.g. 10,1000); empty for none.",
            DefaultValueFactory = _ => "10",
        };
        var command = new Command("bench", "Measure throughput (council-months per second) through Orleans and stepped directly on one thread and on all cores, "
            + "per-core efficiency, Orleans' time against the all-cores direct runner's, cost growth with replicates, peak memory, and that all give identical inspections. "
            + "Last line: 'bench: council-months/s=N direct=N ratio=X peak_mb=N parallel=N' (direct: all cores; ratio: Orleans' time over it; parallel: the cores).")
        {
            scenario, replicates, scaling,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(scenario)!, parse.GetValue(replicates), parse.GetValue(scaling) ?? "", cancellation));
        return command;
    }

    /// <summary>Counts results and hashes every inspection, so the two ways of running can be compared.</summary>
    private sealed class HashingSink : IRunSink
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        private readonly Stopwatch _writing = new();

        public long Inspections { get; private set; }

        /// <summary>Time spent in <see cref="Write"/>: the one serial part of a run, which no block can overlap with its own month.</summary>
        public TimeSpan Writing => _writing.Elapsed;

        public void Write(MonthResult month)
        {
            _writing.Start();
            foreach (var i in month.Inspections.OrderBy(i => i.Replicate).ThenBy(i => i.Judgement.Area, StringComparer.Ordinal))
            {
                _hash.AppendData(Encoding.UTF8.GetBytes($"{i.Replicate},{i.Judgement}\n"));
                Inspections++;
            }
            _writing.Stop();
        }

        public string Digest => Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    private sealed record Measured(double Seconds, double CouncilMonthsPerSecond, string Digest, long Inspections,
        double AllocatedBytesPerCouncilMonth, double GcPauseShare, double CoresUsed, string Collections, double WriterShare)
    {
        public string Costs => string.Create(CultureInfo.InvariantCulture,
            $"{AllocatedBytesPerCouncilMonth:N0} B allocated per council-month, {GcPauseShare:P0} of time in GC pauses, {CoresUsed:0.00} cores busy, "
            + $"collections (gen 0/1/2) {Collections}, writer {WriterShare:P1} of time");
    }

    /// <summary>Times a run and reads what it cost the process: allocation, GC pauses, CPU.</summary>
    private static async Task<Measured> MeasureAsync(double councilMonths, Func<HashingSink, Task> run)
    {
        var sink = new HashingSink();
        var process = Process.GetCurrentProcess();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var paused = GC.GetTotalPauseDuration();
        var cpu = process.TotalProcessorTime;
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var clock = Stopwatch.StartNew();
        await run(sink);
        var s = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new Measured(s, councilMonths / s, sink.Digest, sink.Inspections,
            (GC.GetTotalAllocatedBytes(precise: false) - allocated) / councilMonths,
            (GC.GetTotalPauseDuration() - paused).TotalSeconds / s,
            (process.TotalProcessorTime - cpu).TotalSeconds / s,
            string.Join('/', collections.Select((c, g) => GC.CollectionCount(g) - c)),
            sink.Writing.TotalSeconds / s);
    }

    public static async Task<int> RunAsync(string scenarioPath, int replicates, string scaling, CancellationToken cancellation)
    {
        int[] counts;
        try
        {
            counts = [.. scaling.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            Console.Error.WriteLine($"--scaling: '{scaling}' is not a list of whole numbers");
            return ExitCodes.BadInput;
        }
        if (replicates is < 1 or > ScenarioLoader.MaxReplicates)
        {
            Console.Error.WriteLine($"--replicates: {replicates} is out of range; expected 1 to {ScenarioLoader.MaxReplicates}");
            return ExitCodes.BadInput;
        }
        foreach (var n in counts)
        {
            if (n is >= 1 and <= ScenarioLoader.MaxReplicates) continue;
            Console.Error.WriteLine($"--scaling: {n} is out of range; expected replicate counts from 1 to {ScenarioLoader.MaxReplicates}");
            return ExitCodes.BadInput;
        }

        Scenario scenario;
        try
        {
            scenario = ScenarioLoader.Load(scenarioPath);
        }
        catch (ScenarioException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine(error);
            return ExitCodes.BadInput;
        }
        WorldSetup With(int n) => scenario.Setup with { Replicates = n };
        var councils = scenario.Setup.Councils.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench {scenario.Name}: {councils} councils x {scenario.Setup.Months} months; {Environment.ProcessorCount} cores; .NET {Environment.Version}"));

        using var host = await SimulationSilo.StartEmbeddedAsync(false, cancellation);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            Task<Measured> Orleans(int n)
            {
                var setup = With(n);
                return MeasureAsync((double)councils * setup.Months * n, sink => RunDriver.RunAsync(grains, setup, sink, null, cancellation: cancellation));
            }
            Task<Measured> Direct(int n, bool parallel)
            {
                var setup = With(n);
                return MeasureAsync((double)councils * setup.Months * n, sink => RunDriver.DirectAsync(setup, sink, parallel));
            }

            // Warm up both paths (JIT, grain activation) on a small run before measuring.
            await Orleans(Math.Min(4, replicates));
            await Direct(Math.Min(4, replicates), parallel: false);
            await Direct(Math.Min(4, replicates), parallel: true);

            // Orleans and the all-cores direct runner are each timed twice, in the order
            // Orleans, direct, one thread, direct, Orleans, so neither gains from running later
            // (the JIT still optimising, the machine's speed drifting); the faster of each pair is
            // reported and compared, and both times are printed.
            var orleansFirst = await Orleans(replicates);
            var directFirst = await Direct(replicates, parallel: true);
            var single = await Direct(replicates, parallel: false);
            var directSecond = await Direct(replicates, parallel: true);
            var orleansSecond = await Orleans(replicates);
            var orleans = Faster(orleansFirst, orleansSecond);
            var direct = Faster(directFirst, directSecond);
            var cores = Environment.ProcessorCount;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  orleans  {replicates,5} replicates: {orleans.Seconds,7:0.00} s  {orleans.CouncilMonthsPerSecond,10:N0} council-months/s  {orleans.Inspections:N0} inspections  (faster of {orleansFirst.Seconds:0.00} s and {orleansSecond.Seconds:0.00} s)"));
            Console.WriteLine($"           {orleans.Costs}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  direct, one thread {replicates,5} replicates: {single.Seconds,7:0.00} s  {single.CouncilMonthsPerSecond,10:N0} council-months/s"));
            Console.WriteLine($"           {single.Costs}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  direct, all {cores} cores {replicates,5} replicates: {direct.Seconds,7:0.00} s  {direct.CouncilMonthsPerSecond,10:N0} council-months/s  "
                + $"(per-core efficiency {direct.CouncilMonthsPerSecond / single.CouncilMonthsPerSecond / cores:0.00}; faster of {directFirst.Seconds:0.00} s and {directSecond.Seconds:0.00} s)"));
            Console.WriteLine($"           {direct.Costs}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  orleans against the direct runner on all cores: {orleans.Seconds / direct.Seconds:0.00} times its time; against one thread: {orleans.Seconds / single.Seconds:0.00}"));
            var digests = new[] { orleansFirst, orleansSecond, directFirst, directSecond, single }.Select(m => m.Digest).Distinct().Count();
            var same = digests == 1;
            Console.WriteLine($"  determinism: inspection tables {(same ? "identical" : "DIFFER")} through Orleans, directly and directly in parallel, each run (sha256 {orleans.Digest[..16]}...)");
            foreach (var n in counts)
            {
                // A count below the main one is a shorter run, where the machine's drift weighs
                // most: it is timed twice, back to back, and the faster taken, like the main runs
                // (which were interleaved). A larger count is timed once, and says so: against the
                // faster of two it can only look worse.
                var first = await Orleans(n);
                var second = n < replicates ? await Orleans(n) : null;
                var m = second is null ? first : Faster(first, second);
                var cost = 1e6 / m.CouncilMonthsPerSecond;
                var growth = cost / (1e6 / orleans.CouncilMonthsPerSecond) - 1;
                var timings = second is null ? "; one timing" : string.Create(CultureInfo.InvariantCulture, $"; faster of {first.Seconds:0.00} s and {second.Seconds:0.00} s");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  scaling  {n,5} replicates: {m.Seconds,7:0.00} s  {m.CouncilMonthsPerSecond,10:N0} council-months/s  ({cost:0.00} us per council-month, {growth:+0%;-0%;0%} against {replicates} replicates{timings})"));
                Console.WriteLine($"           {m.Costs}");
            }
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: council-months/s={orleans.CouncilMonthsPerSecond:0} direct={direct.CouncilMonthsPerSecond:0} ratio={orleans.Seconds / direct.Seconds:0.00} peak_mb={peak:0} parallel={cores}"));
            return same ? ExitCodes.Success : ExitCodes.RunFailed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static Measured Faster(Measured a, Measured b) => b.Seconds < a.Seconds ? b : a;
}
