using System.Collections.Immutable;
using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Scenarios;
using Simulation.Tests.Support;

namespace Simulation.Tests.Model;

/// <summary>
/// A host steps an entity's next phase of the month in the same call when nothing can reach it in
/// between (<see cref="EntityHost.Step"/>): a council's Commission and Deliver are one call in most
/// months. It must change nothing but the number of calls, and the runner must refuse mail or a
/// phase that would make it change something.
/// </summary>
public sealed class StepAheadTests
{
    [Theory]
    [InlineData("doncaster.yaml", 3)] // a trust takes the service over and hands it back
    [InlineData("achieving-for-children.yaml", 3)] // one trust runs two councils' services
    [InlineData("england.yaml", 1)]
    public async Task Stepping_the_next_phase_ahead_changes_no_table_and_saves_calls(string file, int replicates)
    {
        var setup = ScenarioLoader.Load(Repository.Scenario(file)).With(null, replicates).Setup;
        var apart = new Hosts(setup, stepAhead: false);
        var ahead = new Hosts(setup, stepAhead: true);
        using var temp = new TempFolder();
        Runs.Write(await RunAsync(setup, apart), temp.Combine("apart"));
        Runs.Write(await RunAsync(setup, ahead), temp.Combine("ahead"));
        Runs.AssertSameTables(temp.Combine("apart"), temp.Combine("ahead"));

        Assert.Equal(0, apart.SteppedAhead);
        Assert.True(ahead.SteppedAhead > 0, "no phase was stepped ahead");
        Assert.Equal(apart.Calls, ahead.Calls + ahead.SteppedAhead);
        // Councils running their own service: the bulk of a national run's calls.
        if (setup.Councils.Length > 100) Assert.True(ahead.Calls < 0.6 * apart.Calls, $"{ahead.Calls} calls stepping ahead, {apart.Calls} apart");
    }

    [Fact]
    public async Task Mail_for_a_phase_already_stepped_is_refused()
    {
        // A council's Commission output made to carry a parcel to itself, arriving in the Deliver
        // phase the host has already stepped: that letter would be lost, so the runner stops.
        var setup = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml")).With(null, 1).Setup;
        var hosts = new Hosts(setup, stepAhead: true, (entity, input, output) =>
            entity.Kind == EntityKind.Council && input.Phase == Phase.Commission && output.Then is not null
                ? output with { Outbox = output.Outbox.Add(new Parcel(entity, entity, Phase.Commission, [new Letter(0, 0, new ServiceRecalled())])) }
                : output);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(setup, hosts));
        Assert.Contains("was sent mail for Deliver", e.Message);
    }

    [Fact]
    public async Task A_phase_stepped_ahead_that_the_runner_does_not_give_is_refused()
    {
        // The Department acts only in Govern: a Govern output carrying a next phase has nowhere to go.
        var setup = ScenarioLoader.Load(Repository.Scenario("doncaster.yaml")).With(null, 1).Setup;
        var nothing = new PhaseOutput([], [], [], [], [], PhaseSet.None);
        var hosts = new Hosts(setup, stepAhead: true, (entity, input, output) =>
            entity.Kind == EntityKind.Department ? output with { Then = nothing } : output);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(setup, hosts));
        Assert.Contains("stepped a phase of", e.Message);
    }

    private static async Task<List<MonthResult>> RunAsync(WorldSetup setup, Hosts hosts)
    {
        var runners = Enumerable.Range(0, setup.Shards).Select(s => new MonthRunner(setup, hosts, s)).ToList();
        foreach (var r in runners) await r.InitialiseAsync();
        var results = new List<MonthResult>();
        for (var m = setup.Start; m <= setup.End; m += 1)
        {
            var blocks = new List<MonthResult>();
            foreach (var r in runners) blocks.Add(await r.AdvanceAsync(m));
            results.Add(MonthResult.Merge(blocks));
        }
        return results;
    }

    /// <summary>Plain hosts, counting the calls and the phases stepped ahead; <c>alter</c> tampers with an output.</summary>
    private sealed class Hosts(WorldSetup setup, bool stepAhead, Func<Address, PhaseInput, PhaseOutput, PhaseOutput>? alter = null) : IPhaseExecutor
    {
        private readonly Dictionary<(Address, int), EntityHost> _hosts = [];

        public int Calls { get; private set; }
        public int SteppedAhead { get; private set; }

        public Task InitialiseAsync(Address entity, int shard)
        {
            _hosts[(entity, shard)] = new EntityHost(entity, setup, shard, stepAhead);
            return Task.CompletedTask;
        }

        public ValueTask<PhaseOutput> ExecuteAsync(Address entity, int shard, PhaseInput input)
        {
            Calls++;
            var output = _hosts[(entity, shard)].Step(input);
            if (output.Then is not null) SteppedAhead++;
            return new(alter is null ? output : alter(entity, input, output));
        }
    }
}
