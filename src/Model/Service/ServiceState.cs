using System.Collections.Immutable;
using Simulation.Model.Inspection;
using Simulation.Model.Time;

namespace Simulation.Model.Service;

/// <summary>Open cases by type. Children in need excludes those on plans and those in care.</summary>
public readonly record struct CaseStocks(int ChildrenInNeed, int ChildProtection, int InCare)
{
    public int Total => ChildrenInNeed + ChildProtection + InCare;
}

/// <summary>
/// Case-holding posts and the people filling them, in full-time equivalents, and the market
/// supplement the service pays on every social worker's pay (share of salary).
/// </summary>
public readonly record struct WorkforceState(
    double Establishment,
    int InPost,
    int Agency,
    double MeanTenureYears,
    int Leavers,
    int Starters,
    double PayPremium = 0)
{
    public int Workers => InPost + Agency;
    public double Vacancies => Math.Max(0, Establishment - InPost);

    /// <summary>Agency ÷ (agency + in post), the census definition.</summary>
    public double AgencyShare => Workers > 0 ? (double)Agency / Workers : 0;

    /// <summary>Vacancies ÷ (vacancies + in post), the census definition.</summary>
    public double VacancyRate => Vacancies + InPost > 0 ? Vacancies / (Vacancies + InPost) : 0;
}

/// <summary>
/// Quality of social-work practice (share of cases with good practice), organisational culture,
/// the accuracy of case records, and the share of time lost to manual workarounds.
/// </summary>
public readonly record struct PracticeState(double Quality, double Culture, double RecordsAccuracy, double WorkaroundShare);

/// <summary>
/// Quality of the senior leadership and how long the director has been in post; while
/// <see cref="InterimMonthsLeft"/> is above zero the post is covered by an interim and no stability
/// builds until a permanent director is appointed (parameter <c>leadership.interim_months</c>).
/// </summary>
public readonly record struct LeadershipState(double Quality, int MonthsInPost)
{
    public int InterimMonthsLeft { get; init; }
}

/// <summary>The service's money, in GBP millions. The financial year starts in April.</summary>
public readonly record struct FinanceState(
    double BudgetYearToDate,
    double SpendYearToDate,
    double LastYearOverspend,
    double Spend,
    double StaffSpend,
    double PlacementSpend)
{
    public double OverspendShare => BudgetYearToDate > 0 ? (SpendYearToDate - BudgetYearToDate) / BudgetYearToDate : 0;
}

/// <summary>A national change in demand, reached linearly over <see cref="RampMonths"/> from <see cref="Start"/>.</summary>
public sealed record DemandShock(Month Start, double Referrals, double Protection, double Care, int RampMonths)
{
    public double Progress(Month month) =>
        month < Start ? 0 : RampMonths <= 0 ? 1 : Math.Min(1, (month.MonthsSince(Start) + 1) / (double)RampMonths);
}

/// <summary>
/// The children's social care service of one area: everything that moves with it when a trust
/// takes it over or hands it back. A value, held inline by its provider, so a month's step
/// allocates no new state object (docs/PERFORMANCE.md).
/// </summary>
public readonly record struct ServiceState(
    string Area,
    Month Origin,
    double Children,
    double ReferralRate,
    CaseStocks Cases,
    WorkforceState Workforce,
    PracticeState Practice,
    LeadershipState Leadership,
    FinanceState Finance,
    double Disruption,
    double Reputation,
    Grade? LastGrade,
    ImmutableArray<DemandShock> Shocks,
    int Referrals)
{
    /// <summary>Changes in the social-work labour market in force (recruitment multipliers, ramped).</summary>
    public ImmutableArray<LabourMarketShift> LabourMarket { get; init; } = [];

    /// <summary>
    /// The vacancy rate of the service's regional labour market last month (mean over its
    /// councils), or null outside a market of two or more councils: what a market supplement
    /// competes against.
    /// </summary>
    public double? RegionalVacancyRate { get; init; }

    /// <summary>One-off costs still to be spent (GBP m a month, months left), e.g. setting up a trust.</summary>
    public ImmutableArray<OneOffCost> OneOffCosts { get; init; } = [];

    /// <summary>
    /// The area's persistent local conditions that the scenario does not record (deprivation,
    /// geography, local politics), as a standard normal score drawn once per council and replicate
    /// when the scenario's starting state is uncertain (<c>practice.initial_spread</c> above 0); it
    /// adds <c>practice.local_weight</c> times this score to the target of practice quality.
    /// </summary>
    public double LocalConditions { get; init; }

    /// <summary>
    /// A local surge in demand still in force: the extra share of referrals and of escalations to
    /// child protection (0 for none), which decays over <c>demand.surge_months</c>.
    /// </summary>
    public double Surge { get; init; }
}

/// <summary>A change in how easily social workers can be recruited, reached linearly over <see cref="RampMonths"/>.</summary>
public sealed record LabourMarketShift(Month Start, double Recruitment, int RampMonths)
{
    public double Multiplier(Month month)
    {
        if (month < Start) return 1;
        var k = RampMonths <= 0 ? 1 : Math.Min(1, (month.MonthsSince(Start) + 1) / (double)RampMonths);
        return 1 + (Recruitment - 1) * k;
    }
}

/// <summary>A cost spread evenly over some months, and how much of it outside funding covers.</summary>
public sealed record OneOffCost(string Purpose, double PerMonth, double FundedPerMonth, int MonthsLeft);
