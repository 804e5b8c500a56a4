using Simulation.Model.Inspection;
using Simulation.Model.Time;

namespace Simulation.Model.Service;

/// <summary>
/// The state of a service at the end of a month, as its provider reports it to the council and
/// the inspector. The inspector does not read <see cref="PracticeQuality"/> directly: it samples
/// cases drawn with that quality (see <see cref="Inspector"/>).
/// </summary>
public sealed record ServiceReport(
    string Area,
    Month Month,
    int Referrals,
    CaseStocks Cases,
    WorkforceState Workforce,
    double Caseload,
    double CaseloadP90,
    double Unallocated,
    double PracticeQuality,
    double Culture,
    double Leadership,
    double RecordsAccuracy,
    double WorkaroundShare,
    double Disruption,
    double Reputation,
    double Challenge,
    double Spend,
    double Budget,
    double OverspendShare,
    double OverspendYearToDate)
{
    /// <summary>Management oversight: leaders can only oversee what the records show them.</summary>
    public double Oversight => Leadership * RecordsAccuracy;

    public double UnallocatedShare => Cases.Total > 0 ? Unallocated / Cases.Total : 0;
}
