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
