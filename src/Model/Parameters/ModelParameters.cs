namespace Simulation.Model.Parameters;

/// <summary>Every parameter of the model, grouped by mechanism. Defaults are the documented values.</summary>
public sealed record ModelParameters
{
    public static ModelParameters Default { get; } = new();

    public DemandParameters Demand { get; init; } = new();
    public WorkforceParameters Workforce { get; init; } = new();
    public PracticeParameters Practice { get; init; } = new();
    public LeadershipParameters Leadership { get; init; } = new();
    public GovernanceParameters Governance { get; init; } = new();
    public FinanceParameters Finance { get; init; } = new();
    public InspectionParameters Inspection { get; init; } = new();
    public DepartmentParameters Department { get; init; } = new();
    public PartnerParameters Partner { get; init; } = new();
}
