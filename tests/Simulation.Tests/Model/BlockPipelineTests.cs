using System.Collections.Concurrent;
using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Inspection;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>
/// Blocks of replicates advance on their own; the pipeline hands the writer each month once every
/// block has finished it, merged in block order, and reports a failure as it happened.
/// </summary>
public sealed class BlockPipelineTests
{
    // 12 months, 3 blocks of 2 replicates.
    private static readonly WorldSetup Setup = Worlds.Setup(replicates: 6, start: "2010-01", end: "2010-12", shardSize: 2);

    [Theory]
    [InlineData(10, 2, 5)] // one block per core
    [InlineData(100, 2, 50)]
    [InlineData(1000, 2, 50)] // 20 blocks: none above the largest automatic size
    [InlineData(101, 2, 26)] // 2 blocks would exceed 50, 3 are rounded up to 4 (two rounds of the cores)
    [InlineData(100, 16, 7)] // 15 blocks: every core but one busy
    [InlineData(1000, 16, 32)] // 20 blocks rounded up to 32, two rounds of 16 cores
    [InlineData(3, 8, 1)] // never more blocks than replicates
    [InlineData(1, 1, 1)]
    public void Automatic_blocks_are_as_few_as_keep_every_core_busy(int replicates, int cores, int size)
    {
        Assert.Equal(size, WorldSetup.AutomaticBlockSize(replicates, cores));
        Assert.InRange(size, 1, WorldSetup.MaxAutomaticBlockSize);
        var set = Setup with { ShardSize = 7 };
        Assert.Same(set, set.WithBlocksFor(cores)); // a size the scenario set stays
    }

    [Theory]
    [InlineData(10, 10)] // one core's size: 2 blocks of 5 on two cores
    [InlineData(30, 30)]
    [InlineData(1000, 50)]
    public void Unfixed_automatic_blocks_are_the_fewest_whatever_the_machine(int replicates, int size)
    {
        // Only the process that starts a run fixes blocks for its cores (WithBlocksFor); a setup
        // read anywhere else never depends on the machine reading it.
        Assert.Equal(size, Worlds.Setup(replicates: replicates, start: "2010-01", end: "2010-12", shardSize: 0).ShardSize);
    }

    /// <summary>A block's month: one inspection record per replicate of the block, naming the block.</summary>
    private static MonthResult BlockMonth(int block, Month month)
    {
        var (first, count) = Setup.ShardRange(block);
        var records = Enumerable.Range(first, count)
            .Select(r => new InspectionRecord(r, new Judgement($"block{block}", month, Framework.Ilacs, Grade.Good, Grade.Good, Grade.Good, Grade.Good)))
            .ToImmutableArray();
        return new MonthResult(month, MetricCollection.Empty, records, [], []);
    }

    [Fact]
    public async Task Months_reach_the_writer_in_order_merged_in_block_order_however_blocks_are_scheduled()
    {
        var written = new List<MonthResult>();
        // The last block is the fastest and the first the slowest, so blocks finish out of order.
        await BlockPipeline.RunAsync(Setup, async (b, m) =>
        {
            await Task.Delay(Setup.Shards - 1 - b);
            return BlockMonth(b, m);
        }, written.Add);

        Assert.Equal(Setup.Months, written.Count);
        for (var i = 0; i < written.Count; i++)
        {
            Assert.Equal(Setup.Start + i, written[i].Month);
            Assert.Equal([0, 1, 2, 3, 4, 5], written[i].Inspections.Select(r => r.Replicate));
            Assert.Equal(["block0", "block0", "block1", "block1", "block2", "block2"], written[i].Inspections.Select(r => r.Judgement.Area));
        }
    }

    [Fact]
    public async Task No_block_runs_more_than_a_few_months_ahead_of_the_writer()
    {
        var stepped = new ConcurrentDictionary<int, int>();
        var writtenMonths = 0;
        var furthestAhead = 0;
        await BlockPipeline.RunAsync(Setup, (b, m) =>
        {
            var done = stepped.AddOrUpdate(b, 1, (_, n) => n + 1);
            InterlockedMax(ref furthestAhead, done - Volatile.Read(ref writtenMonths));
            return Task.FromResult(BlockMonth(b, m));
        }, month =>
        {
            // A slow writer: blocks fill their buffers and must wait.
            Thread.Sleep(2);
            Interlocked.Increment(ref writtenMonths);
        });
        // Ahead months buffered, one being handed over, one being stepped.
        Assert.InRange(furthestAhead, 1, BlockPipeline.Ahead + 2);
        Assert.All(stepped.Values, n => Assert.Equal(Setup.Months, n));
    }

    [Fact]
    public async Task A_failing_block_stops_the_run_with_its_own_error_and_the_other_blocks_stop_early()
    {
        var stepped = new ConcurrentDictionary<int, int>();
        var written = 0;
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => BlockPipeline.RunAsync(Setup, async (b, m) =>
        {
            stepped.AddOrUpdate(b, 1, (_, n) => n + 1);
            if (b == 1 && m == Setup.Start + 3) throw new InvalidOperationException("block 1 failed in its fourth month");
            await Task.Yield();
            return BlockMonth(b, m);
        }, _ => written++));
        Assert.Equal("block 1 failed in its fourth month", e.Message);
        Assert.True(written <= 3, $"{written} months were written; block 1 never finished its fourth");
        Assert.All(stepped.Values, n => Assert.True(n < Setup.Months, $"a block stepped {n} months after another had failed"));
    }

    [Fact]
    public async Task A_failing_writer_stops_the_blocks_and_its_error_is_reported()
    {
        var e = await Assert.ThrowsAsync<IOException>(() => BlockPipeline.RunAsync(
            Setup, (b, m) => Task.FromResult(BlockMonth(b, m)), month =>
            {
                if (month.Month == Setup.Start + 2) throw new IOException("disk full");
            }));
        Assert.Equal("disk full", e.Message);
    }

    [Fact]
    public async Task Cancelling_stops_the_run()
    {
        using var cancel = new CancellationTokenSource();
        var written = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BlockPipeline.RunAsync(
            Setup, (b, m) => Task.FromResult(BlockMonth(b, m)), _ =>
            {
                if (++written == 2) cancel.Cancel();
            }, cancel.Token));
        Assert.True(written < Setup.Months);
    }

    private static void InterlockedMax(ref int location, int value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
