using Orleans.Concurrency;
using Orleans.TestingHost;
using Simulation.Grains;
using Simulation.Model.Engine;
using Simulation.Model.Time;
using Simulation.Model.World;
using Simulation.Tests.Support;

namespace Simulation.Tests.Cluster;

/// <summary>
/// What recovery relies on in an entity grain: a repeated step is answered, not applied twice; a
/// grain without state says so instead of stepping from nothing; and a grain restored from its
/// checkpoint continues exactly as one that never stopped.
/// </summary>
public sealed class GrainRecoveryTests : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await Clusters.StartAsync(1);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    private static readonly WorldSetup Setup = Worlds.Setup(replicates: 3);

    private IEntityGrain Council(string run) =>
        EntityGrains.Get(_cluster!.Client, run, 0, Address.Council("a"));

    private static Immutable<PhaseInput> Input(Month month, Phase phase) => new PhaseInput(month, phase, []).AsImmutable();

    /// <summary>Steps the council through months of commissioning and delivery, returning the last delivery's service metrics.</summary>
    private static async Task<double[]> StepAsync(IEntityGrain grain, Month from, Month to, bool repeatEachStep = false)
    {
        PhaseOutput? last = null;
        for (var m = from; m <= to; m += 1)
        {
            foreach (var phase in new[] { Phase.Commission, Phase.Deliver })
            {
                last = (await grain.StepAsync(Input(m, phase))).Value;
                if (repeatEachStep)
                {
                    // The reply crosses from silo to client, so it is compared as its serialised form.
                    var again = (await grain.StepAsync(Input(m, phase))).Value;
                    Assert.Equal(Json(last), Json(again));
                }
            }
        }
        return [.. last!.Metrics.Where(v => v.Report is not null).Select(v => v.Report!.PracticeQuality)];
    }

    private static string Json(PhaseOutput output) =>
        System.Text.Json.JsonSerializer.Serialize(output, Simulation.Grains.SimulationSerialization.JsonOptions);

    [Fact]
    public async Task A_repeated_step_is_answered_with_the_same_output_and_not_applied_twice()
    {
        var once = Council("once");
        var twice = Council("twice");
        await once.InitialiseAsync(Setup.AsImmutable(), 0, repeatable: true);
        await twice.InitialiseAsync(Setup.AsImmutable(), 0, repeatable: true);
        var a = await StepAsync(once, Setup.Start, Setup.Start + 5);
        var b = await StepAsync(twice, Setup.Start, Setup.Start + 5, repeatEachStep: true);
        Assert.Equal(3, a.Length);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task A_grain_without_state_refuses_to_step()
    {
        var grain = Council("never-initialised");
        var e = await Assert.ThrowsAsync<Simulation.Grains.GrainStateLostException>(() => grain.StepAsync(Input(Setup.Start, Phase.Commission)));
        Assert.Contains("not restored", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_restored_from_its_checkpoint_continues_as_if_it_had_never_stopped()
    {
        var straight = Council("straight");
        var restored = Council("restored");
        await straight.InitialiseAsync(Setup.AsImmutable(), 0, repeatable: true);
        await restored.InitialiseAsync(Setup.AsImmutable(), 0, repeatable: true);
        var stop = Setup.Start + 3;
        await StepAsync(straight, Setup.Start, stop);
        await StepAsync(restored, Setup.Start, stop);
        await restored.CheckpointAsync(stop.Index, stop.Index);
        // It runs on past the checkpoint, then is put back to it, as after another grain's silo died.
        await StepAsync(restored, stop + 1, stop + 2);
        await restored.RestoreAsync(Setup.AsImmutable(), 0, stop.Index);
        var a = await StepAsync(straight, stop + 1, stop + 8);
        var b = await StepAsync(restored, stop + 1, stop + 8);
        Assert.Equal(a, b);
        await restored.CloseAsync(keepCheckpoints: false);
    }
}
