using Simulation.Model.Parameters;

namespace Simulation.Model.Governance;

/// <summary>The council's budget-setting for its children's social care service.</summary>
public static class Budget
{
    /// <summary>
    /// Next financial year's base budget: this year's grown by <c>budget_growth</c> (less
    /// <c>savings_cut</c> in the years of national savings, <c>savings_from</c> to <c>savings_to</c>),
    /// plus <c>overspend_rebase</c> of last year's overspend (an underspend is not taken back).
    /// <paramref name="financialYear"/> is the year in whose April the new financial year starts.
    /// </summary>
    public static double Rebase(double baseBudget, double overspend, FinanceParameters f, int financialYear) =>
        baseBudget * (1 + Growth(f, financialYear)) + f.OverspendRebase * Math.Max(0, overspend);

    /// <summary>The budget's growth in the financial year starting in April of <paramref name="financialYear"/>.</summary>
    public static double Growth(FinanceParameters f, int financialYear) =>
        financialYear >= f.SavingsFrom && financialYear <= f.SavingsTo ? f.BudgetGrowth - f.SavingsCut : f.BudgetGrowth;

    /// <summary>A scripted change of the base budget (savings are negative); a budget never falls below zero.</summary>
    public static double Changed(double baseBudget, double amountPerYear) => Math.Max(0, baseBudget + amountPerYear);
}
