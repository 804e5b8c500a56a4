using Simulation.Model.Parameters;

namespace Simulation.Model.Governance;

/// <summary>The council's budget-setting for its children's social care service.</summary>
public static class Budget
{
    /// <summary>
    /// Next financial year's base budget: this year's grown by <c>budget_growth</c>, plus
    /// <c>overspend_rebase</c> of last year's overspend (an underspend is not taken back).
    /// </summary>
    public static double Rebase(double baseBudget, double overspend, FinanceParameters f) =>
        baseBudget * (1 + f.BudgetGrowth) + f.OverspendRebase * Math.Max(0, overspend);

    /// <summary>A scripted change of the base budget (savings are negative); a budget never falls below zero.</summary>
    public static double Changed(double baseBudget, double amountPerYear) => Math.Max(0, baseBudget + amountPerYear);
}
