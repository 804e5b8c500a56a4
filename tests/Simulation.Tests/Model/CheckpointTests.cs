using System.Text.Json;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>
/// A run saved at the end of a month, written as JSON, read back into fresh actors and continued,
/// gives byte-identical tables to the run that never stopped: the snapshots hold everything the
/// actors and the clock cannot rebuild from the setup. This is what lets a grain on a dead silo
/// be reactivated elsewhere (docs/ODD.md, "Checkpoints").
/// </summary>
public sealed class CheckpointTests
{
    public static TheoryData<string, string, string?> Cases => new()
    {
        // Doncaster: intervention, a partner, the trust from 2014 and its change of ownership.
        { "doncaster.yaml", "2009-03", null },
        { "doncaster.yaml", "2013-12", null },
        { "doncaster.yaml", "2014-09", null },
        { "doncaster.yaml", "2017-06", null },
        // A country under the trust regime: the Department's rules, regional markets, lazy trusts.
        { "england-trusts.yaml", "2012-06", "2016-12" },
        // One company serving three councils: two founders, then one that joins.
        { "achieving-for-children.yaml", "2016-01", "2019-12" },
        { "achieving-for-children.yaml", "2017-08", "2020-06" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_run_restored_from_a_saved_month_continues_exactly(string scenario, string stopAfter, string? end)
    {
        var loaded = ScenarioLoader.Load(Repository.Scenario(scenario));
        var setup = loaded.Setup with { Replicates = scenario.StartsWith("england", StringComparison.Ordinal) ? 2 : 30 };
        if (end is not null) setup = setup with { End = Month.Parse(end) };
        var stop = Month.Parse(stopAfter);

        var whole = await Runs.DirectAsync(setup);

        // First half: run to the stop, then save everything as JSON and drop the objects.
        var first = new DirectWorld(setup).Initialise();
        var results = new List<MonthResult>();
        for (var m = setup.Start; m <= stop; m += 1) results.Add(first.Advance(m));
        var saved = new Saved(
            [.. first.Blocks.Select(b => b.Save())],
            [.. setup.Entities().SelectMany(e => Enumerable.Range(0, setup.Shards).Select(s => first.Executor.Host(e, s).Save(stop)))]);
        var json = JsonSerializer.Serialize(saved, SimulationSerialization.JsonOptions);

        // Second half: fresh actors from the setup, restored from the JSON, run to the end.
        var read = JsonSerializer.Deserialize<Saved>(json, SimulationSerialization.JsonOptions)!;
        var second = new DirectWorld(setup).Initialise();
        var i = 0;
        foreach (var e in setup.Entities())
        {
            for (var s = 0; s < setup.Shards; s++) second.Executor.Host(e, s).Restore(read.Hosts[i++]);
        }
        for (var b = 0; b < setup.Shards; b++)
        {
            second.Blocks[b].Restore(read.Runners[b]);
            Assert.Equal(stop, second.Blocks[b].LastCompleted);
        }
        for (var m = stop + 1; m <= setup.End; m += 1) results.Add(second.Advance(m));

        using var temp = new TempFolder();
        Runs.Write(whole, temp.Combine("whole"));
        Runs.Write(results, temp.Combine("restored"));
        Runs.AssertSameTables(temp.Combine("whole"), temp.Combine("restored"));
        Assert.Contains(whole, r => r.Inspections.Length > 0 && r.Month > stop);
    }

    [Fact]
    public void A_snapshot_of_another_kind_of_actor_is_refused()
    {
        var setup = Worlds.Setup();
        var council = ActorFactory.Create(Address.Council("a"), setup, 0);
        var inspector = ActorFactory.Create(Address.Inspector, setup, 0);
        var e = Assert.Throws<ArgumentException>(() => council.Restore(inspector.Save()));
        Assert.Contains("CouncilState", e.Message, StringComparison.Ordinal);
    }

    private sealed record Saved(List<RunnerSnapshot> Runners, List<EntityHostSnapshot> Hosts);
}
