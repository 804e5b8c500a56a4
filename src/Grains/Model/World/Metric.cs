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

    /// <summary>The service metrics of a provider's monthly report, passed to <paramref name="record"/> in table order.</summary>
    public static void Of<TRecorder>(ServiceReport r, ref TRecorder record) where TRecorder : struct, IMetricRecorder
    {
        var w = r.Workforce;
        record.Record(Metric.Referrals, r.Referrals);
        record.Record(Metric.OpenCases, r.Cases.Total);
        record.Record(Metric.ChildrenInNeed, r.Cases.ChildrenInNeed);
        record.Record(Metric.ChildProtectionPlans, r.Cases.ChildProtection);
        record.Record(Metric.ChildrenInCare, r.Cases.InCare);
        record.Record(Metric.CaseloadPerWorker, r.Caseload);
        record.Record(Metric.CaseloadP90, r.CaseloadP90);
        record.Record(Metric.UnallocatedCases, r.Unallocated);
        record.Record(Metric.Establishment, w.Establishment);
        record.Record(Metric.SocialWorkers, w.InPost);
        record.Record(Metric.AgencyWorkers, w.Agency);
        record.Record(Metric.Vacancies, w.Vacancies);
        record.Record(Metric.AgencyShare, w.AgencyShare);
        record.Record(Metric.VacancyRate, w.VacancyRate);
        record.Record(Metric.Leavers, w.Leavers);
        record.Record(Metric.Starters, w.Starters);
        record.Record(Metric.MeanTenureYears, w.MeanTenureYears);
        record.Record(Metric.PracticeQuality, r.PracticeQuality);
        record.Record(Metric.Culture, r.Culture);
        record.Record(Metric.LeadershipQuality, r.Leadership);
        record.Record(Metric.RecordsAccuracy, r.RecordsAccuracy);
        record.Record(Metric.WorkaroundShare, r.WorkaroundShare);
        record.Record(Metric.Disruption, r.Disruption);
        record.Record(Metric.Reputation, r.Reputation);
        record.Record(Metric.Challenge, r.Challenge);
        record.Record(Metric.Spend, r.Spend);
        record.Record(Metric.Budget, r.Budget);
        record.Record(Metric.OverspendShare, r.OverspendShare);
    }
}

/// <summary>Receives metric values (a struct, so recording a report allocates nothing).</summary>
public interface IMetricRecorder
{
    void Record(Metric metric, double value);
}
