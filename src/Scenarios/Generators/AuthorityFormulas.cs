namespace Simulation.Scenarios.Generators;

/// <summary>
/// How an authority's starting settings follow from its deprivation d (0 least, 1 most deprived),
/// shared by the two national generators: <see cref="SyntheticEnglandGenerator"/> draws d per
/// council and adds noise; <see cref="RealEnglandGenerator"/> has no deprivation in its record and
/// uses <see cref="MeanDeprivation"/> for every authority. The sources (NATIONAL.md) are stated in
/// each generated file's header.
/// </summary>
public static class AuthorityFormulas
{
    /// <summary>The mean of the synthetic draw of deprivation, Beta(2, 2): the mean authority.</summary>
    public const double MeanDeprivation = 0.5;

    /// <summary>Open cases per establishment post (FTE) in 2008.</summary>
    public const double CasesPerPost = 18;

    /// <summary>Referrals per 10,000 children a year (mean 550; NATIONAL.md 530-550).</summary>
    public static double ReferralRate(double d) => 380 + 340 * d;

    /// <summary>Children in need per 10,000 children (mean 330; NATIONAL.md about 330-346, 150-740 across authorities).</summary>
    public static double ChildrenInNeedRate(double d) => 150 + 360 * d;

    /// <summary>Child protection plans per 10,000 children (mean 45; NATIONAL.md 39,100 plans in 2009-10).</summary>
    public static double ProtectionPlanRate(double d) => 25 + 40 * d;

    /// <summary>Children in care per 10,000 children (mean 70; NATIONAL.md about 70 per 10,000).</summary>
    public static double InCareRate(double d) => 40 + 60 * d;

    /// <summary>Share of establishment posts vacant (mean 0.16; NATIONAL.md about 16%).</summary>
    public static double VacancyRate(double d) => 0.10 + 0.12 * d;

    /// <summary>Agency workers as a share of the establishment (mean 0.15; NATIONAL.md about 15%).</summary>
    public static double AgencyShare(double d) => 0.10 + 0.10 * d;

    /// <summary>Practice quality, culture and leadership quality before noise (assumption; see the synthetic header).</summary>
    public static double State(double d) => 0.58 - 0.22 * d;

    /// <summary>Starting reputation from practice quality.</summary>
    public static double Reputation(double practice) => Math.Clamp(0.2 + 0.6 * practice, 0.1, 0.9);
}

/// <summary>
/// A council's starting settings as both national generators write them, from <c>children</c> to
/// <c>budget</c>, one per line at the indentation of a council's keys.
/// </summary>
public sealed record CouncilSettingsText(
    double Children, double ReferralRate, double ChildrenInNeed, double ProtectionPlans, double InCare, double Establishment,
    double SocialWorkers, double AgencyWorkers, double Practice, double Culture, double Leadership, double Reputation, double Budget)
{
    public void AppendTo(System.Text.StringBuilder sb)
    {
        static string F(double x, string format) => x.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        sb.Append("    children: ").Append(F(Children, "0")).Append('\n')
            .Append("    referral_rate: ").Append(F(ReferralRate, "0")).Append('\n')
            .Append("    children_in_need: ").Append(F(ChildrenInNeed, "0")).Append('\n')
            .Append("    child_protection_plans: ").Append(F(ProtectionPlans, "0")).Append('\n')
            .Append("    children_in_care: ").Append(F(InCare, "0")).Append('\n')
            .Append("    establishment: ").Append(F(Establishment, "0")).Append('\n')
            .Append("    social_workers: ").Append(F(SocialWorkers, "0")).Append('\n')
            .Append("    agency_workers: ").Append(F(AgencyWorkers, "0")).Append('\n')
            .Append("    practice_quality: ").Append(F(Practice, "0.00")).Append('\n')
            .Append("    culture: ").Append(F(Culture, "0.00")).Append('\n')
            .Append("    leadership_quality: ").Append(F(Leadership, "0.00")).Append('\n')
            .Append("    reputation: ").Append(F(Reputation, "0.00")).Append('\n')
            .Append("    budget: ").Append(F(Budget, "0.0")).Append('\n');
    }
}
