using Simulation.Model.Parameters;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Tests.Model;

public class FinanceStepTests
{
    private static readonly FinanceParameters P = new()
    {
        SocialWorkerCost = 0.045,
        AgencyPremium = 0.5,
        PlacementCost = 0.04,
        OtherCostShare = 0.4,
        PayInflation = 0.02,
        PlacementInflation = 0.05,
    };

    [Fact]
    public void Monthly_spend_adds_staff_agency_premium_placements_overheads_and_improvement()
    {
        var origin = Month.Parse("2008-01");
        var w = new WorkforceState(150, 100, 20, 5, 0, 0);
        var cases = new CaseStocks(1000, 200, 400);
        var c = new ServiceConditions(36, 0, 0, 0, 0, OverheadShare: 0.03, ImprovementCost: 0.1, RunByTrust: true);
        var f = FinanceStep.Advance(new FinanceState(0, 0, 0, 0, 0, 0), origin, origin, w, cases, c, P);
        // Staff (100 + 20 × 1.5) × 0.045 / 12 = 0.4875; other 0.4 × 120 × 0.045 / 12 = 0.18;
        // placements 400 × 0.04 / 12 = 1.3333; overhead 0.03 × 3 = 0.09; improvement 0.1.
        Assert.Equal(0.4875, f.StaffSpend, 12);
        Assert.Equal(400 * 0.04 / 12, f.PlacementSpend, 12);
        Assert.Equal(0.4875 + 0.18 + 400 * 0.04 / 12 + 0.09 + 0.1, f.Spend, 12);
        Assert.Equal(3, f.BudgetYearToDate, 12);
    }

    [Fact]
    public void A_market_supplement_is_paid_on_every_social_worker_and_counts_against_affordable_posts()
    {
        var origin = Month.Parse("2008-01");
        var w = new WorkforceState(150, 100, 20, 5, 0, 0, PayPremium: 0.1);
        var c = new ServiceConditions(36, 0, 0, 0, 0, OverheadShare: 0, ImprovementCost: 0, RunByTrust: false);
        var f = FinanceStep.Advance(new FinanceState(0, 0, 0, 0, 0, 0), origin, origin, w, new CaseStocks(0, 0, 0), c, P);
        // (100 × 1.1 + 20 × (1 + 0.5 + 0.1)) × 0.045 / 12
        Assert.Equal((110 + 32) * 0.045 / 12, f.StaffSpend, 12);
        Assert.True(FinanceStep.AffordablePosts(36, 0, 0, 0.1, origin, origin, P, payPremium: 0.1)
            < FinanceStep.AffordablePosts(36, 0, 0, 0.1, origin, origin, P));
    }

    [Fact]
    public void Costs_inflate_from_the_start_of_the_run()
    {
        var origin = Month.Parse("2008-01");
        Assert.Equal(0.04 * 1.05 * 1.05, FinanceStep.PlacementCost(Month.Parse("2010-01"), origin, P), 12);
        Assert.Equal(0.045 * 1.02, FinanceStep.WorkerCost(Month.Parse("2009-01"), origin, P), 12);
    }

    [Fact]
    public void April_closes_the_year_and_keeps_its_overspend()
    {
        var origin = Month.Parse("2008-01");
        var march = new FinanceState(BudgetYearToDate: 30, SpendYearToDate: 33, LastYearOverspend: 0, 2.75, 1, 1);
        var w = new WorkforceState(1, 0, 0, 5, 0, 0);
        var april = FinanceStep.Advance(march, Month.Parse("2009-04"), origin, w, new CaseStocks(0, 0, 0),
            new ServiceConditions(24, 0, 0, 0, 0, 0, 0, false), P);
        Assert.Equal(3, april.LastYearOverspend, 12);
        Assert.Equal(2, april.BudgetYearToDate, 12);
        Assert.Equal(0, april.SpendYearToDate, 12);
    }
}
