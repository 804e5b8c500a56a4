using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Simulation.Model.Engine;
using Simulation.Scenarios;

namespace Simulation.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher, or <c>profile SCENARIO REPLICATES [REPLICATES...] [parallel]</c>:
    /// direct runs and nothing else, for a profiler (<c>dotnet-trace collect -- dotnet
    /// Simulation.Benchmarks.dll profile scenarios/england.yaml 30</c>, docs/PERFORMANCE.md), one
    /// after another in one process (so later ones run with the JIT warm), on one thread or, with
    /// <c>parallel</c>, every block on its own thread.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["profile", var path, .. var rest] && rest.Length > 0)
        {
            var parallel = rest[^1] == "parallel";
            var scenario = ScenarioLoader.Load(path);
            foreach (var n in parallel ? rest[..^1] : rest)
            {
                var setup = scenario.Setup with { Replicates = int.Parse(n, CultureInfo.InvariantCulture) };
                if (parallel) setup = setup.WithBlocksFor(Environment.ProcessorCount);
                var clock = Stopwatch.StartNew();
                new DirectWorld(setup).Initialise().RunAsync(static _ => { }, parallel).GetAwaiter().GetResult();
                var councilMonths = (double)setup.Councils.Length * setup.Months * setup.Replicates;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{setup.Replicates} replicates in {setup.Shards} block(s): {councilMonths / clock.Elapsed.TotalSeconds:N0} council-months/s ({clock.Elapsed.TotalSeconds:0.00} s, {1e6 * clock.Elapsed.TotalSeconds / councilMonths:0.00} us per council-month)"));
            }
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
