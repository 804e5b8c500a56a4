using BenchmarkDotNet.Attributes;
using Simulation.Model.Engine;
using Simulation.Model.Randomness;
using Simulation.Model.Service;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;

namespace Simulation.Benchmarks;

/// <summary>
/// The model's inner step, without grains or the month runner: one service-month, and one grain's
/// worth of work (a council's block of 25 replicates through a month's phases). England's first
/// council, with its calibrated parameters.
/// </summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private WorldSetup _setup = null!;
    private ServiceState _service;
    private ServiceConditions _conditions;
    private CounterRandom _rng = null!;
    private Func<RandomStream, CounterRandom> _random = null!;
    private DirectWorld _world = null!;
    private Month _month;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Root(), "scenarios", "england.yaml");
        var scenario = ScenarioLoader.Load(path);
        _setup = scenario.Setup with { Replicates = 25 };
        var council = _setup.Councils[0];
        _service = ServiceFactory.Initial(council, _setup.Start);
        _conditions = ServiceConditions.Neutral(council.Budget);
        _rng = new CounterRandom(1);
        _random = _ => _rng;
        StartRun();
    }

    private void StartRun()
    {
        _world = new DirectWorld(_setup).Initialise();
        _month = _setup.Start;
    }

    /// <summary>One month of one council's service: demand, workforce, practice, money, leadership.</summary>
    [Benchmark]
    public ServiceOutcome ServiceMonth() => ServiceStep.Advance(_service, _conditions, _month, _setup.Parameters, _random);

    /// <summary>
    /// A month of all 151 councils for 25 replicates (3,775 council-months) through every phase,
    /// stepped directly: divide by 3,775 for the cost of a council-month without Orleans. Months
    /// follow each other; after December 2025 the run starts again (once in 216 invocations).
    /// </summary>
    [Benchmark]
    public MonthResult EnglandMonth()
    {
        if (_month > _setup.End) StartRun();
        var result = _world.Advance(_month);
        _month += 1;
        return result;
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("run from inside the repository (Simulation.sln not found above the benchmark)");
    }
}
