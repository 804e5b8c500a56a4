using Simulation.Model.Parameters;
using Simulation.Model.Time;

namespace Simulation.Model.Service;

/// <summary>
/// Money: staff (agency at a premium), placements for children in care, other running costs,
/// contract overheads and improvement spending, against the budget the council provides.
/// </summary>
public static class FinanceStep
{
    /// <summary>Annual cost of one permanent social worker in <paramref name="month"/>'s prices.</summary>
    public static double WorkerCost(Month month, Month origin, FinanceParameters p) =>
        p.SocialWorkerCost * Math.Pow(1 + p.PayInflation, month.YearsSince(origin));

    public static double PlacementCost(Month month, Month origin, FinanceParameters p) =>
        p.PlacementCost * Math.Pow(1 + p.PlacementInflation, month.YearsSince(origin));

    /// <summary>Posts the budget can pay for after placements and overheads, at the present agency mix and market supplement.</summary>
    public static double AffordablePosts(
        double budgetPerYear, double overheadShare, int inCare, double agencyShare, Month month, Month origin, FinanceParameters p,
        double payPremium = 0)
    {
        var free = budgetPerYear * (1 - overheadShare) - inCare * PlacementCost(month, origin, p);
        var perPost = WorkerCost(month, origin, p) * (1 + payPremium + p.AgencyPremium * agencyShare + p.OtherCostShare);
        return free / perPost;
    }

    public static FinanceState Advance(
        FinanceState f, Month month, Month origin, WorkforceState w, CaseStocks cases,
        ServiceConditions c, FinanceParameters p)
    {
        var worker = WorkerCost(month, origin, p);
        // A market supplement is paid on every social worker, permanent or agency.
        var staff = (w.InPost * (1 + w.PayPremium) + w.Agency * (1 + p.AgencyPremium + w.PayPremium)) * worker / 12;
        var other = p.OtherCostShare * w.Workers * worker / 12;
        var placements = cases.InCare * PlacementCost(month, origin, p) / 12;
        var budget = c.BudgetPerYear / 12;
        var overhead = c.OverheadShare * budget;
        var spend = staff + other + placements + overhead + c.ImprovementCost;

        var (budgetYtd, spendYtd, lastYear) = month.StartsFinancialYear
            ? (0.0, 0.0, f.SpendYearToDate - f.BudgetYearToDate)
            : (f.BudgetYearToDate, f.SpendYearToDate, f.LastYearOverspend);

        return new FinanceState(
            BudgetYearToDate: budgetYtd + budget,
            SpendYearToDate: spendYtd + spend,
            LastYearOverspend: lastYear,
            Spend: spend,
            StaffSpend: staff,
            PlacementSpend: placements);
    }
}
