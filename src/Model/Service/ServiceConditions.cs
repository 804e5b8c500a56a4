namespace Simulation.Model.Service;

/// <summary>
/// What the service's commissioner and helpers provide in a month: money, challenge, support and
/// the contract it runs under. Built by the council each month and sent to whoever runs the service.
/// </summary>
public readonly record struct ServiceConditions(
    double BudgetPerYear,
    double Challenge,
    double PracticeSupport,
    double LeadershipSupport,
    double RecruitmentBoost,
    double OverheadShare,
    double ImprovementCost,
    bool RunByTrust,
    bool IndependentTrust = false)
{
    public static ServiceConditions Neutral(double budgetPerYear) =>
        new(budgetPerYear, 0, 0, 0, 0, 0, 0, false);
}
