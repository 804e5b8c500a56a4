using Simulation.Model.Service;

namespace Simulation.Model.World;

/// <summary>The quantities written to timeseries.csv, in the order they are written.</summary>
public enum Metric
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
        Metric.Referrals or Metric.Leavers or Metric.Starters or Metric.NetTransfers => "per month",
        Metric.OpenCases or Metric.ChildrenInNeed or Metric.ChildProtectionPlans or Metric.ChildrenInCare
            or Metric.UnallocatedCases => "children",
        Metric.CaseloadPerWorker or Metric.CaseloadP90 => "cases per FTE",
        Metric.Establishment or Metric.SocialWorkers or Metric.AgencyWorkers or Metric.Vacancies => "FTE",
        Metric.AgencyShare or Metric.VacancyRate or Metric.WorkaroundShare or Metric.OverspendShare => "share",
        Metric.MeanTenureYears => "years",
        Metric.Spend or Metric.Budget => "GBP m per month",
        Metric.InterventionLevel => "0 none, 1 improvement notice, 2 statutory direction",
        _ => "index 0-1",
    };

    /// <summary>The service metrics of a provider's monthly report.</summary>
    public static IEnumerable<(Metric Metric, double Value)> Of(ServiceReport r)
    {
        var w = r.Workforce;
        yield return (Metric.Referrals, r.Referrals);
        yield return (Metric.OpenCases, r.Cases.Total);
        yield return (Metric.ChildrenInNeed, r.Cases.ChildrenInNeed);
        yield return (Metric.ChildProtectionPlans, r.Cases.ChildProtection);
        yield return (Metric.ChildrenInCare, r.Cases.InCare);
        yield return (Metric.CaseloadPerWorker, r.Caseload);
        yield return (Metric.CaseloadP90, r.CaseloadP90);
        yield return (Metric.UnallocatedCases, r.Unallocated);
        yield return (Metric.Establishment, w.Establishment);
        yield return (Metric.SocialWorkers, w.InPost);
        yield return (Metric.AgencyWorkers, w.Agency);
        yield return (Metric.Vacancies, w.Vacancies);
        yield return (Metric.AgencyShare, w.AgencyShare);
        yield return (Metric.VacancyRate, w.VacancyRate);
        yield return (Metric.Leavers, w.Leavers);
        yield return (Metric.Starters, w.Starters);
        yield return (Metric.MeanTenureYears, w.MeanTenureYears);
        yield return (Metric.PracticeQuality, r.PracticeQuality);
        yield return (Metric.Culture, r.Culture);
        yield return (Metric.LeadershipQuality, r.Leadership);
        yield return (Metric.RecordsAccuracy, r.RecordsAccuracy);
        yield return (Metric.WorkaroundShare, r.WorkaroundShare);
        yield return (Metric.Disruption, r.Disruption);
        yield return (Metric.Reputation, r.Reputation);
        yield return (Metric.Challenge, r.Challenge);
        yield return (Metric.Spend, r.Spend);
        yield return (Metric.Budget, r.Budget);
        yield return (Metric.OverspendShare, r.OverspendShare);
    }
}
