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

public static class Metrics
{
    private static readonly string[] Names =
        Enum.GetValues<Metric>().Select(m => Parameters.Naming.SnakeCase(m.ToString())).ToArray();

    /// <summary>Snake-case column value, e.g. <c>caseload_per_worker</c>.</summary>
    public static string Name(Metric m) => Names[(int)m];

    /// <summary>Unit of each metric, for documentation and plots.</summary>
    public static string Unit(Metric m) => m switch
    {
        Metric.Referrals or Metric.Leavers or Metric.Starters or Metric.NetTransfers or Metric.NetAgencyTransfers => "per month",
        Metric.OpenCases or Metric.ChildrenInNeed or Metric.ChildProtectionPlans or Metric.ChildrenInCare
            or Metric.UnallocatedCases => "children",
        Metric.CaseloadPerWorker or Metric.CaseloadP90 => "cases per FTE",
        Metric.Establishment or Metric.SocialWorkers or Metric.AgencyWorkers or Metric.Vacancies => "FTE",
        Metric.AgencyShare or Metric.VacancyRate or Metric.WorkaroundShare or Metric.OverspendShare => "share",
        Metric.PayPremium => "share of salary",
        Metric.MeanTenureYears => "years",
        Metric.Spend or Metric.Budget => "GBP m per month",
        Metric.InterventionLevel => "0 none, 1 improvement notice, 2 statutory direction",
        _ => "index 0-1",
    };

    /// <summary>The service metrics of a provider's monthly report, in table order.</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<Metric> OfReport =
    [
        Metric.Referrals,
        Metric.OpenCases,
        Metric.ChildrenInNeed,
        Metric.ChildProtectionPlans,
        Metric.ChildrenInCare,
        Metric.CaseloadPerWorker,
        Metric.CaseloadP90,
        Metric.UnallocatedCases,
        Metric.Establishment,
        Metric.SocialWorkers,
        Metric.AgencyWorkers,
        Metric.Vacancies,
        Metric.AgencyShare,
        Metric.VacancyRate,
        Metric.Leavers,
        Metric.Starters,
        Metric.MeanTenureYears,
        Metric.PayPremium,
        Metric.PracticeQuality,
        Metric.Culture,
        Metric.LeadershipQuality,
        Metric.RecordsAccuracy,
        Metric.WorkaroundShare,
        Metric.Disruption,
        Metric.Reputation,
        Metric.Challenge,
        Metric.Spend,
        Metric.Budget,
        Metric.OverspendShare,
    ];

    /// <summary>The value of one of <see cref="OfReport"/> in a report.</summary>
    public static double ValueOf(ServiceReport r, Metric metric) => metric switch
    {
        Metric.Referrals => r.Referrals,
        Metric.OpenCases => r.Cases.Total,
        Metric.ChildrenInNeed => r.Cases.ChildrenInNeed,
        Metric.ChildProtectionPlans => r.Cases.ChildProtection,
        Metric.ChildrenInCare => r.Cases.InCare,
        Metric.CaseloadPerWorker => r.Caseload,
        Metric.CaseloadP90 => r.CaseloadP90,
        Metric.UnallocatedCases => r.Unallocated,
        Metric.Establishment => r.Workforce.Establishment,
        Metric.SocialWorkers => r.Workforce.InPost,
        Metric.AgencyWorkers => r.Workforce.Agency,
        Metric.Vacancies => r.Workforce.Vacancies,
        Metric.AgencyShare => r.Workforce.AgencyShare,
        Metric.VacancyRate => r.Workforce.VacancyRate,
        Metric.Leavers => r.Workforce.Leavers,
        Metric.Starters => r.Workforce.Starters,
        Metric.MeanTenureYears => r.Workforce.MeanTenureYears,
        Metric.PayPremium => r.Workforce.PayPremium,
        Metric.PracticeQuality => r.PracticeQuality,
        Metric.Culture => r.Culture,
        Metric.LeadershipQuality => r.Leadership,
        Metric.RecordsAccuracy => r.RecordsAccuracy,
        Metric.WorkaroundShare => r.WorkaroundShare,
        Metric.Disruption => r.Disruption,
        Metric.Reputation => r.Reputation,
        Metric.Challenge => r.Challenge,
        Metric.Spend => r.Spend,
        Metric.Budget => r.Budget,
        Metric.OverspendShare => r.OverspendShare,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a metric of a service report"),
    };
}
