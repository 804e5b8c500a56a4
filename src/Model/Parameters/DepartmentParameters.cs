namespace Simulation.Model.Parameters;

/// <summary>
/// The Department for Education's rules when a scenario leaves interventions to the model rather
/// than scripting them on dates.
/// </summary>
public sealed record DepartmentParameters
{
    [Parameter("inadequate judgements", 1, 10,
        Source = "NATIONAL.md: a statutory direction where failure is persistent",
        Description = "Inadequate judgements (counted since the last lifted intervention) that bring a statutory direction with a commissioner.")]
    public double DirectionAfter { get; init; } = 2;

    [Parameter("inadequate judgements", 1, 10,
        Source = "NATIONAL.md: the commissioner decides between council control, a partner or a trust; DONCASTER.md 2013 partner after repeated failure",
        Description = "Inadequate judgements that bring an improvement partner.")]
    public double PartnerAfter { get; init; } = 2;

    [Parameter("inadequate judgements", 1, 20,
        Source = "DONCASTER.md: trust ordered in 2013 after inadequate judgements in 2008, 2010 and 2012",
        Description = "Inadequate judgements that bring an order to move the service to a trust (a large value disables trusts).")]
    public double TrustAfter { get; init; } = 3;

    [Parameter("months", 1, 120,
        Source = "DONCASTER.md 2013-07: the improvement partner's contract; length is an assumption",
        Description = "Length of the contract with an improvement partner that the Department's rules require.")]
    public double PartnerMonths { get; init; } = 24;

    [Parameter("GBP m", 0, 100,
        Source = "assumption: a partner's fee of the order of a director's team for two years",
        Description = "Total fee of the contract with an improvement partner that the Department's rules require.")]
    public double PartnerFee { get; init; } = 1.8;

    [Parameter("months", 1, 48,
        Source = "NATIONAL.md: typically 1-2 years from a direction to go-live",
        Description = "Months from a trust order to the trust going live.")]
    public double TrustSetupMonths { get; init; } = 15;

    [Parameter("months", 0, 60,
        Source = "DONCASTER.md: direction lifted January 2021, after the 2017 good judgement",
        Description = "Months after a judgement of good or better before the Department lifts a direction or notice.")]
    public double LiftDelayMonths { get; init; } = 12;
}
