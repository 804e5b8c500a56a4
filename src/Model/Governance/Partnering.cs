using Simulation.Model.Parameters;
using Simulation.Model.Time;

namespace Simulation.Model.Governance;

/// <summary>An improvement partner's contract with a council: until when, and what it gives each month.</summary>
public sealed record PartnerContract(string Council, Month End, double FeePerMonth, double Leadership, double Practice, double Recruitment)
{
    /// <summary>Whether <paramref name="month"/> is the contract's last month of support.</summary>
    public bool EndsAfter(Month month) => month + 1 >= End;
}

/// <summary>
/// What an improvement partner contributes: for a contracted number of months, leadership, practice
/// support and a recruitment push, for a fee spread evenly over the contract. Terms a contract does
/// not set come from the partner parameters; when the Department's rules engage a partner, the
/// contract's length and fee come from the Department's parameters.
/// </summary>
public static class Partnering
{
    /// <summary>A contract starting in <paramref name="month"/> (at least one month long).</summary>
    public static PartnerContract Start(
        string council, Month month, int months, double fee, double? leadership, double? practice, double? recruitment, PartnerParameters p)
    {
        var length = Math.Max(1, months);
        return new PartnerContract(
            council,
            month + length,
            fee / length,
            leadership ?? p.LeadershipSupport,
            practice ?? p.PracticeSupport,
            recruitment ?? p.RecruitmentBoost);
    }

    /// <summary>The length (months) and total fee (GBP m) of a contract the Department's rules require.</summary>
    public static (int Months, double Fee) RequiredTerms(DepartmentParameters d) => ((int)Math.Round(d.PartnerMonths), d.PartnerFee);
}
