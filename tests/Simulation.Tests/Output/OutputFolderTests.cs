using Simulation.Silo.Output;
using Simulation.Tests.Support;

namespace Simulation.Tests.Output;

/// <summary>Staging folders left by killed runs are removed by the next run into the same place; a live run's never (issue 20, item 4).</summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void Unowned_staging_folders_are_removed_and_a_live_runs_is_left_alone()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Path);
        var destination = temp.Combine("results");
        // A run killed outright: its folder and its lock file, which nobody holds any more.
        Directory.CreateDirectory(temp.Combine(".results.partial-killed"));
        File.WriteAllText(temp.Combine(".results.partial-killed", "timeseries.csv"), "half");
        File.WriteAllText(temp.Combine(".results.partial-killed.lock"), "");
        // A folder from before runs took locks.
        Directory.CreateDirectory(temp.Combine(".results.partial-old"));
        // Another destination's staging folder is not this run's business.
        Directory.CreateDirectory(temp.Combine(".other.partial-x"));

        using (var live = OutputFolder.Create(destination, replace: false))
        {
            Assert.Equal([".results.partial-killed", ".results.partial-old"], live.RemovedStale.Order(StringComparer.Ordinal));
            Assert.False(Directory.Exists(temp.Combine(".results.partial-killed")));
            Assert.False(File.Exists(temp.Combine(".results.partial-killed.lock")));
            Assert.True(Directory.Exists(temp.Combine(".other.partial-x")));

            // A second run into the same place while the first is still writing leaves the first's folder.
            using var second = OutputFolder.Create(destination, replace: false);
            Assert.Empty(second.RemovedStale);
            Assert.True(Directory.Exists(live.Staging));
        }

        using (var done = OutputFolder.Create(destination, replace: false))
        {
            File.WriteAllText(Path.Combine(done.Staging, "timeseries.csv"), "whole");
            done.Commit();
        }
        // Nothing of the staging is left beside the results, and the lock is not among them.
        Assert.Equal(["timeseries.csv"], Directory.EnumerateFileSystemEntries(destination).Select(Path.GetFileName));
        Assert.Equal([".other.partial-x", "results"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
