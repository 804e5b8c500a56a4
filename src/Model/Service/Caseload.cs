using Simulation.Model.Parameters;

namespace Simulation.Model.Service;

/// <summary>Caseload measures. They are not state: they emerge from demand and workforce.</summary>
public static class Caseload
{
    private const double Z90 = 1.2815515655446004;

    public static double PerWorker(int openCases, int workers) => openCases / (double)Math.Max(1, workers);

    /// <summary>Caseload against the time actually available for cases, after manual workarounds.</summary>
    public static double Effective(int openCases, int workers, double workaroundShare) =>
        PerWorker(openCases, workers) / Math.Max(0.05, 1 - workaroundShare);

    /// <summary>How far the effective caseload exceeds the norm, as a share of the norm (0 when within it).</summary>
    public static double Excess(double effectiveCaseload, WorkforceParameters p) =>
        Math.Max(0, effectiveCaseload / p.CaseloadNorm - 1);

    /// <summary>
    /// The 90th percentile of caseloads across workers, assuming caseloads spread normally around
    /// the mean with a coefficient of variation that widens as vacancies concentrate work.
    /// </summary>
    public static double Percentile90(double meanCaseload, double vacancyRate, WorkforceParameters p) =>
        meanCaseload * (1 + Z90 * (p.CaseloadDispersion + p.DispersionPerVacancy * vacancyRate));

    /// <summary>Cases beyond what the workers can hold at capacity.</summary>
    public static double Unallocated(int openCases, int workers, double workaroundShare, WorkforceParameters p) =>
        Math.Max(0, openCases - workers * (1 - workaroundShare) * p.CaseloadCapacity);
}
