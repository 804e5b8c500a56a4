using Simulation.Model.Engine;
using Simulation.Model.Governance;
using Simulation.Model.Inspection;
using Simulation.Model.Service;
using Simulation.Model.Time;

namespace Simulation.Model.World;

// The messages of the world, grouped by who sends them. All are immutable records.

// ---- Scripted inputs: sent by the scenario on the dates it gives ------------------------------

/// <summary>A national change in demand (e.g. after November 2008). To every council.</summary>
public sealed record DemandShockStarted(DemandShock Shock) : IMessage;

/// <summary>A new director of children's services (or trust chief executive) takes over.</summary>
public sealed record DirectorAppointed(double? Quality, bool Interim) : IMessage;

/// <summary>The council's budget for the service changes by this much a year (negative for savings).</summary>
public sealed record BudgetChanged(double AmountPerYear) : IMessage;

/// <summary>The council funds an improvement plan for a number of months.</summary>
public sealed record ImprovementFunded(double AmountPerYear, int Months) : IMessage;

/// <summary>An improvement partner is contracted to support a council. To the partner.</summary>
public sealed record PartnerEngaged(
    string Council, int Months, double Fee, double? LeadershipSupport, double? PracticeSupport, double? RecruitmentBoost) : IMessage;

/// <summary>
/// The trust goes live: the council hands the service over to <see cref="Trust"/> (its own trust
/// when null), owned by the council from the start when <see cref="CouncilOwned"/>.
/// <see cref="SetupCost"/> (default <c>finance.trust_setup_cost</c>) is spent over the first year;
/// <see cref="SetupFunding"/> of it comes from outside (the Department).
/// </summary>
public sealed record TrustGoLive(bool Seconded, double? SetupCost = null, double SetupFunding = 0, Address? Trust = null, bool CouncilOwned = false) : IMessage;

/// <summary>The social-work labour market changes: recruitment everywhere is multiplied, ramped in.</summary>
public sealed record LabourMarketChanged(LabourMarketShift Shift) : IMessage;

/// <summary>The trust passes into the council's ownership, operationally separate.</summary>
public sealed record TrustOwnershipChanged : IMessage;

/// <summary>The council's scrutiny of a contracted service becomes stronger and quicker.</summary>
public sealed record ScrutinyStrengthened(double Strength, double LagMonths) : IMessage;

/// <summary>A case-management system is implemented badly.</summary>
public sealed record ItSystemFailed(double Severity) : IMessage;

/// <summary>The council brings the service back in-house.</summary>
public sealed record ReturnInHouse : IMessage;

/// <summary>Inspections stop until the given month (COVID-19). To the inspector.</summary>
public sealed record InspectionsPaused(Month Until) : IMessage;

/// <summary>A decision of the Department taken on a date rather than by its rules. To the Department.</summary>
public sealed record DirectiveScripted(string Council, Directive Directive, Month? GoLive) : IMessage;

/// <summary>A documented milestone with no mechanism of its own (a review ordered, a decision announced).</summary>
public sealed record Milestone(string Name, string Detail) : IMessage;

// ---- From the Department to councils -------------------------------------------------------------

public sealed record InterventionChanged(InterventionLevel Level) : IMessage;

/// <summary>The Department orders the service moved to a trust. Without a go-live month, a scripted go-live decides.</summary>
public sealed record TrustOrdered(Month? GoLive) : IMessage;

// ---- From partners to councils ------------------------------------------------------------------

/// <summary>A month of support under a partner's contract, and its fee (GBP m).</summary>
public sealed record PartnerSupport(string Partner, double Leadership, double Practice, double Recruitment, double Fee) : IMessage;

// ---- From councils to providers, and between council and trust -----------------------------------

/// <summary>The month's funding, challenge and support for whoever runs the service.</summary>
public sealed record Commissioned(ServiceConditions Conditions) : IMessage;

/// <summary>The service and its staff move to a new provider.</summary>
public sealed record ServiceHandover(ServiceState State, bool Seconded, bool ToTrust, double SetupCost = 0, double SetupFunding = 0) : IMessage;

/// <summary>The council ends the contract: the trust hands the service back.</summary>
public sealed record ServiceRecalled : IMessage;

// ---- From providers to the council and the inspector --------------------------------------------

public sealed record ServiceReported(ServiceReport Report, Address Provider) : IMessage;

/// <summary>
/// The month's regional labour market: net social workers in post and net agency staff gained
/// (positive) or lost to other councils of the region, and the region's vacancy rate. From a
/// regional market to a provider, every month.
/// </summary>
public sealed record StaffMoved(string Area, int Net, int NetAgency, double RegionalVacancyRate) : IMessage;

// ---- From the inspector ------------------------------------------------------------------------

public sealed record JudgementPublished(Judgement Judgement) : IMessage;

/// <summary>Something unsettles the service: an intervention, a new partner. From the council to its provider.</summary>
public sealed record Disrupted(double Amount, string Reason) : IMessage;
