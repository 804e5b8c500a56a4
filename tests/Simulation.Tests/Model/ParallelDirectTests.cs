using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>The direct runner stepping every block of replicates on its own thread gives the tables it gives stepping them one by one.</summary>
public sealed class ParallelDirectTests
{
    [Theory]
    [InlineData("achieving-for-children.yaml")]
    [InlineData("two-councils.yaml")]
    public async Task Blocks_stepped_in_parallel_give_byte_identical_tables(string file)
    {
        // Six replicates in blocks of two: three blocks, each advancing on its own thread.
        var setup = ScenarioLoader.Load(Repository.Scenario(file)).With(null, 6).Setup with { ShardSize = 2 };
        using var temp = new TempFolder();
        Runs.Write(await Runs.DirectAsync(setup), temp.Combine("one-by-one"));
        Runs.Write(await Runs.DirectAsync(setup, parallel: true), temp.Combine("parallel"));
        Runs.AssertSameTables(temp.Combine("one-by-one"), temp.Combine("parallel"));
    }
}
