using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Tests.Support;

namespace Simulation.Tests.Patterns;

/// <summary>
/// The documented Doncaster history and two counterfactuals, 200 replicates each, run once for all
/// pattern tests. They are stepped directly (the MonthRunner the grains use); the cluster tests
/// show that this gives the same tables as a run on Orleans.
/// </summary>
public sealed class DoncasterRunsFixture
{
    public const int Replicates = 200;

    public DoncasterRunsFixture()
    {
        Documented = Run("doncaster.yaml");
        NoTrust = Run("doncaster-no-trust.yaml");
        NoItFailure = Run("doncaster-no-it-failure.yaml");
        Runs = new DoncasterPatterns.Runs(Documented, NoTrust, NoItFailure);
        Sampled = DoncasterPatterns.Evaluate(Documented, expected: false).ToDictionary(r => r.Id);
    }

    public RunRecord Documented { get; }
    public RunRecord NoTrust { get; }
    public RunRecord NoItFailure { get; }
    public DoncasterPatterns.Runs Runs { get; }
    public IReadOnlyDictionary<string, PatternResult> Sampled { get; }

    public static RunRecord Run(string file, Func<Simulation.Model.World.WorldSetup, Simulation.Model.World.WorldSetup>? change = null)
    {
        var setup = ScenarioLoader.Load(Repository.Scenario(file)).With(null, Replicates).Setup;
        if (change is not null) setup = change(setup);
        return RunRecord.Direct(setup, DoncasterPatterns.Watched(setup));
    }
}

[CollectionDefinition(Name)]
public sealed class DoncasterRuns : ICollectionFixture<DoncasterRunsFixture>
{
    public const string Name = "Doncaster runs";
}
