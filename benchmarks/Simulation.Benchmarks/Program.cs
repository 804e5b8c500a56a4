using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Simulation.Model.Engine;
using Simulation.Scenarios;

namespace Simulation.Benchmarks;

public static class Program
{
    /// <summary>
    /// BenchmarkDotNet's switcher, or <c>profile SCENARIO REPLICATES</c>: one direct run on one
    /// thread and nothing else, for a profiler (<c>dotnet-trace collect -- dotnet
    /// Simulation.Benchmarks.dll profile scenarios/england.yaml 30</c>, docs/PERFORMANCE.md).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["profile", var path, var n])
        {
            var setup = ScenarioLoader.Load(path).Setup with { Replicates = int.Parse(n, CultureInfo.InvariantCulture) };
            var clock = Stopwatch.StartNew();
            var world = new DirectWorld(setup).Initialise();
            for (var m = setup.Start; m <= setup.End; m += 1) world.Advance(m);
            var councilMonths = (double)setup.Councils.Length * setup.Months * setup.Replicates;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{councilMonths / clock.Elapsed.TotalSeconds:N0} council-months/s ({clock.Elapsed.TotalSeconds:0.00} s)"));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
