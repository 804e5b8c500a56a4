namespace Simulation.Model.Parameters;

/// <summary>Money: costs of staff and placements, budgets and overspend.</summary>
public sealed record FinanceParameters
{
    [Parameter("GBP m per FTE per year", 0.02, 0.1,
        Source = "assumption: salary plus on-costs of a council social worker, about GBP 45k in 2008",
        Description = "Cost of a permanent social worker in the start year's prices.")]
    public double SocialWorkerCost { get; init; } = 0.045;

    [Parameter("share", 0, 2,
        Source = "CAUSES.md: agency cover at a premium cost; size is an assumption",
        Description = "Extra cost of an agency worker over a permanent one.")]
    public double AgencyPremium { get; init; } = 0.5;

    [Parameter("GBP m per child per year", 0.01, 0.2,
        Source = "assumption: average placement cost about GBP 40k a year in 2008",
        Description = "Average cost of a placement for a child in care in the start year's prices.")]
    public double PlacementCost { get; init; } = 0.04;

    [Parameter("per year", -0.05, 0.2,
        Source = "DONCASTER.md 2021-22: overspend of GBP 6.26m mainly on care placements (seed 001); rate is an assumption",
        Description = "Growth of the average placement cost.")]
    public double PlacementInflation { get; init; } = 0.03;

    [Parameter("per year", -0.05, 0.1,
        Source = "assumption",
        Description = "Growth of social-worker pay.")]
    public double PayInflation { get; init; } = 0.02;

    [Parameter("share of social-worker cost", 0, 2,
        Source = "assumption: managers, support staff and early help cost about 40% on top of case-holding staff",
        Description = "Other running costs of the service, as a share of the cost of its social workers.")]
    public double OtherCostShare { get; init; } = 0.4;

    [Parameter("share of budget", 0, 0.2,
        Source = "DONCASTER.md 2022: bringing services in-house gives financial benefits through lower overheads (seed 001); size is an assumption",
        Description = "Contract and corporate overheads of running the service through a trust.")]
    public double TrustOverhead { get; init; } = 0.03;

    [Parameter("per year", -0.1, 0.1,
        Source = "assumption",
        Description = "Growth of the council's children's services budget before savings and rebasing.")]
    public double BudgetGrowth { get; init; } = 0.03;

    [Parameter("share", 0, 1,
        Source = "DONCASTER.md 2018-19: the trust needed about GBP 6m extra (seed 001 context); share is an assumption",
        Description = "Share of last year's overspend the council adds to next year's budget.")]
    public double OverspendRebase { get; init; } = 0.7;

    [Parameter("share of budget", 0, 0.5,
        Source = "assumption",
        Description = "Overspend (year to date) above which the service freezes recruitment.")]
    public double FreezeThreshold { get; init; } = 0.1;

    [Parameter("multiplier", 0, 1,
        Source = "assumption",
        Description = "Recruitment during a freeze, relative to normal.")]
    public double FreezeRecruitment { get; init; } = 0.7;

    [Parameter("GBP m", 0, 20,
        Source = "NATIONAL.md Governance models: one-off set-up costs of GBP 2.5m-4.6m for trusts and companies",
        Description = "One-off cost of setting up a trust, when the go-live event does not state it.")]
    public double TrustSetupCost { get; init; } = 3.5;

    [Parameter("months", 1, 36,
        Source = "assumption: set-up costs fall in the trust's first year",
        Description = "Months over which a trust's set-up cost is spent.")]
    public double TrustSetupMonths { get; init; } = 12;

    [Parameter("support per GBP m per year", 0, 2,
        Source = "DONCASTER.md early 2013: GBP 1.982m over two years for a 27-point plan (seed 002); conversion is an assumption",
        Description = "Improvement support bought by each GBP 1m a year of improvement funding.")]
    public double SupportPerMillion { get; init; } = 0.3;

    [Parameter("per year", 0, 0.1, Calibrated = true, Low = 0, High = 0.05,
        Source = "CAUSES.md: a council under savings pressure (GBP 25.7m, director, seed 002); issue 17: council spending cuts "
            + "2010-2020; the size of the cut to children's budgets is an assumption, calibrated",
        Description = "Reduction of the budget's yearly growth in the financial years of national savings (savings_from to savings_to).")]
    public double SavingsCut { get; init; }

    [Parameter("financial year (April)", 2000, 2040,
        Source = "issue 17: council spending cuts from the 2010 spending review",
        Description = "First financial year (starting in April of this year) of national savings.")]
    public double SavingsFrom { get; init; } = 2011;

    [Parameter("financial year (April)", 2000, 2040,
        Source = "issue 17: council spending cuts 2010-2020",
        Description = "Last financial year (starting in April of this year) of national savings.")]
    public double SavingsTo { get; init; } = 2019;
}
