using Simulation.Model.Engine;
using Simulation.Model.Service;

namespace Simulation.Model.World;

/// <summary>The quantities written to timeseries.csv, in the order they are written.</summary>
public enum Metric : byte
{
    Referrals,
    OpenCases,
    ChildrenInNeed,
    ChildProtectionPlans,
    ChildrenInCare,
    CaseloadPerWorker,
    CaseloadP90,
    UnallocatedCases,
    Establishment,
    SocialWorkers,
    AgencyWorkers,
    Vacancies,
    AgencyShare,
    VacancyRate,
    Leavers,
    Starters,
    MeanTenureYears,
    PayPremium,
    PracticeQuality,
    Culture,
    LeadershipQuality,
    RecordsAccuracy,
    WorkaroundShare,
    Disruption,
    Reputation,
    Challenge,
    Spend,
    Budget,
    OverspendShare,
    InterventionLevel,
    NetTransfers,
    NetAgencyTransfers,
}

/// <summary>
/// A metric declared once: its id, unit, meaning and, for a service metric, how it is read from the
/// provider's monthly report. The column name is the id in snake case; docs/outputs.md's metric
/// table is generated from these declarations (a test keeps it current).
/// </summary>
public sealed record MetricDeclaration(Metric Id, string Unit, string Meaning, Func<ServiceReport, double>? FromReport)
{
    public string Name => Parameters.Naming.SnakeCase(Id.ToString());
}

public static class Metrics
{
    /// <summary>Every metric, in the order of <see cref="Metric"/>.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<MetricDeclaration> All =
    [
        new(Metric.Referrals, "per month", "referrals received this month", r => r.Referrals),
        new(Metric.OpenCases, "children", "children in need + child protection plans + children in care", r => r.Cases.Total),
        new(Metric.ChildrenInNeed, "children", "open child-in-need cases (not on a plan, not in care)", r => r.Cases.ChildrenInNeed),
        new(Metric.ChildProtectionPlans, "children", "children on child protection plans", r => r.Cases.ChildProtection),
        new(Metric.ChildrenInCare, "children", "children in care", r => r.Cases.InCare),
        new(Metric.CaseloadPerWorker, "cases per FTE", "open cases ÷ (social workers in post + agency)", r => r.Caseload),
        new(Metric.CaseloadP90, "cases per FTE", "90th percentile of caseloads across workers (docs/ODD.md 7.2)", r => r.CaseloadP90),
        new(Metric.UnallocatedCases, "children", "cases beyond what the workers can hold", r => r.Unallocated),
        new(Metric.Establishment, "FTE", "funded case-holding posts", r => r.Workforce.Establishment),
        new(Metric.SocialWorkers, "FTE", "permanent case-holding social workers in post", r => r.Workforce.InPost),
        new(Metric.AgencyWorkers, "FTE", "agency social workers", r => r.Workforce.Agency),
        new(Metric.Vacancies, "FTE", "establishment − social workers in post (never negative)", r => r.Workforce.Vacancies),
        new(Metric.AgencyShare, "share", "agency ÷ (agency + in post), the census definition", r => r.Workforce.AgencyShare),
        new(Metric.VacancyRate, "share", "vacancies ÷ (vacancies + in post), the census definition", r => r.Workforce.VacancyRate),
        new(Metric.Leavers, "per month", "permanent social workers who left this month", r => r.Workforce.Leavers),
        new(Metric.Starters, "per month", "permanent social workers who started this month", r => r.Workforce.Starters),
        new(Metric.MeanTenureYears, "years", "mean years in the service of permanent staff", r => r.Workforce.MeanTenureYears),
        new(Metric.PayPremium, "share of salary", "market supplement paid on every social worker's pay to compete with the region's other councils (docs/ODD.md 7.3); 0 outside a regional market", r => r.Workforce.PayPremium),
        new(Metric.PracticeQuality, "index 0-1", "share of cases with good practice", r => r.PracticeQuality),
        new(Metric.Culture, "index 0-1", "organisational culture", r => r.Culture),
        new(Metric.LeadershipQuality, "index 0-1", "effective leadership (after instability, disruption and support)", r => r.Leadership),
        new(Metric.RecordsAccuracy, "index 0-1", "accuracy of case records", r => r.RecordsAccuracy),
        new(Metric.WorkaroundShare, "share", "share of social-work time lost to manual workarounds", r => r.WorkaroundShare),
        new(Metric.Disruption, "index 0-1", "organisational disruption", r => r.Disruption),
        new(Metric.Reputation, "index 0-1", "reputation among social workers", r => r.Reputation),
        new(Metric.Challenge, "index 0-1", "challenge from the council and the Department this month", r => r.Challenge),
        new(Metric.Spend, "GBP m per month", "spend on the service this month (staff, agency, placements, overheads, improvement)", r => r.Spend),
        new(Metric.Budget, "GBP m per month", "budget for the service this month (including improvement funding)", r => r.Budget),
        new(Metric.OverspendShare, "share", "(spend − budget) ÷ budget, financial year to date", r => r.OverspendShare),
        new(Metric.InterventionLevel, "0 none, 1 improvement notice, 2 statutory direction", "the Department's intervention in force", null),
        new(Metric.NetTransfers, "per month", "social workers gained (positive) or lost to other councils of the region's labour market this month; only for councils in a region of two or more", null),
        new(Metric.NetAgencyTransfers, "per month", "agency staff gained (positive) or lost to other councils of the region's labour market this month; only for councils in a region of two or more", null),
    ];

    private static readonly string[] Names = [.. All.Select(d => d.Name)];

    /// <summary>Snake-case column value, e.g. <c>caseload_per_worker</c>.</summary>
    public static string Name(Metric m) => Names[(int)m];

    /// <summary>Unit of each metric, for documentation and plots.</summary>
    public static string Unit(Metric m) => All[(int)m].Unit;

    /// <summary>The service metrics of a provider's monthly report, in table order: those read from a report.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<Metric> OfReport =
        [.. All.Where(d => d.FromReport is not null).Select(d => d.Id)];

    /// <summary>The value of one of <see cref="OfReport"/> in a report.</summary>
    public static double ValueOf(ServiceReport r, Metric metric) =>
        All[(int)metric].FromReport is { } read ? read(r)
        : throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a metric of a service report");
}
