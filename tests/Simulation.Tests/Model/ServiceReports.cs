using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Tests.Model;

internal static class ServiceReports
{
    public static ServiceReport With(double quality, double leadership = 0.5, double accuracy = 1) => new(
        "x", Month.Parse("2015-10"), 100, new CaseStocks(1000, 200, 400), new WorkforceState(100, 90, 10, 5, 1, 1),
        16, 20, 0, quality, 0.5, leadership, accuracy, 0, 0, 0.5, 0.3, 3, 3, 0, 0);
}
