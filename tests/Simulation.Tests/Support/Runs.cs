using Simulation.Model.Engine;
using Simulation.Model.World;
using Simulation.Silo.Output;
using Simulation.Silo.Running;

namespace Simulation.Tests.Support;

/// <summary>Runs worlds without Orleans, for model-level tests.</summary>
public static class Runs
{
    /// <summary>Steps a world with the direct executor (its blocks one after another, or each on its own thread) and returns every month's result.</summary>
    public static async Task<List<MonthResult>> DirectAsync(WorldSetup setup, bool parallel = false)
    {
        var results = new List<MonthResult>();
        await new DirectWorld(setup).Initialise().RunAsync(results.Add, parallel);
        return results;
    }

    /// <summary>Writes results with the product's writer into a folder and returns the folder.</summary>
    public static void Write(IEnumerable<MonthResult> results, string folder)
    {
        Directory.CreateDirectory(folder);
        using var writer = new ResultWriter(folder);
        foreach (var r in results) writer.Write(r);
    }

    public static readonly string[] Tables = [ResultWriter.Timeseries, ResultWriter.Inspections, ResultWriter.Events, ResultWriter.Arrangements];

    public static void AssertSameTables(string expectedFolder, string actualFolder)
    {
        foreach (var table in Tables)
        {
            var expected = File.ReadAllBytes(Path.Combine(expectedFolder, table));
            var actual = File.ReadAllBytes(Path.Combine(actualFolder, table));
            Assert.True(expected.AsSpan().SequenceEqual(actual),
                $"{table} differs: {expected.Length} bytes in {expectedFolder}, {actual.Length} in {actualFolder}");
        }
    }
}

/// <summary>Collects what a run streams, for tests.</summary>
public sealed class CollectingSink : IRunSink
{
    public List<MonthResult> Months { get; } = [];

    public void Write(MonthResult month) => Months.Add(month);
}
