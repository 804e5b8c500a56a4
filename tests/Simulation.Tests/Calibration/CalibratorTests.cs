using Simulation.Scenarios;
using Simulation.Silo.Calibration;
using Simulation.Silo.Running;
using Simulation.Tests.Support;

namespace Simulation.Tests.Calibration;

/// <summary>
/// The Doncaster calibration evaluates parameter sets side by side (the screen's points, each CMA-ES
/// generation) and still searches exactly as if it had evaluated them one after another.
/// </summary>
public sealed class CalibratorTests
{
    /// <summary>A calibration small enough for the suite: 2 replicates, 3 screened points, one CMA-ES generation, 3 simplex steps.</summary>
    public static CalibrationOptions Tiny => new(
        Repository.Scenario("doncaster.yaml"), Repository.Scenario("doncaster-no-trust.yaml"), Repository.Scenario("doncaster-no-it-failure.yaml"),
        Replicates: 2, Seed: 1, Screen: 3, Iterations: 3, ValidationReplicates: 2, Restarts: 0, Generations: 1);

    /// <summary><paramref name="count"/> parameter sets spread along the diagonal of the search box.</summary>
    public static double[][] Points(Calibrator calibrator, int count) =>
        [.. Enumerable.Range(1, count).Select(k => calibrator.Free.Select(p => p.SearchLow + k / (count + 1.0) * (p.SearchHigh - p.SearchLow)).ToArray())];

    [Fact]
    public void Losses_of_a_batch_are_those_of_each_point_alone()
    {
        var one = new Calibrator(Tiny, Evaluator.Local(1));
        var points = Points(one, 3);
        var alone = points.Select(one.Objective).ToArray();

        var batch = new Calibrator(Tiny, Evaluator.Local(3));
        Assert.Equal(alone, batch.Objectives(points));
        Assert.Equal(alone[1], batch.Objective(points[1]));
        Assert.Equal(one.Report().Objective, batch.Report().Objective);
    }

    [Fact]
    public void A_report_gives_the_objective_of_the_scenarios_own_values()
    {
        var searched = new Calibrator(Tiny, Evaluator.Local(2));
        var values = searched.Free.Select(p => p.Get(ScenarioLoader.Load(Tiny.Scenario).Setup.Parameters)).ToArray();
        var objective = searched.Objective(values);
        var report = new Calibrator(Tiny, Evaluator.Local(2)).Report();
        Assert.Equal(BitConverter.DoubleToInt64Bits(objective), BitConverter.DoubleToInt64Bits(report.Objective));
        Assert.Equal(1, report.Evaluations);
    }

    [Fact]
    public void A_calibration_finds_the_same_values_however_many_evaluations_run_at_once()
    {
        var one = new Calibrator(Tiny, Evaluator.Local(1)).Run(_ => { });
        var three = new Calibrator(Tiny, Evaluator.Local(3)).Run(_ => { });
        Assert.Equal(one.Evaluations, three.Evaluations);
        Assert.Equal(one.Objective, three.Objective);
        Assert.Equal(one.Values, three.Values);
        Assert.Equal(Calibrator.ParametersFile(one, Tiny), Calibrator.ParametersFile(three, Tiny));
    }

    [Fact]
    public void A_cancelled_calibration_stops_with_the_cancellation()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var calibrator = new Calibrator(Tiny).With(Evaluator.Local(2), cancel.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => calibrator.Run(_ => { }));
        Assert.ThrowsAny<OperationCanceledException>(() => calibrator.Report());
    }
}
