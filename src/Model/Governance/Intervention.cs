namespace Simulation.Model.Governance;

/// <summary>The Department's formal intervention in a council, as the council feels it.</summary>
public enum InterventionLevel
{
    None = 0,
    ImprovementNotice = 1,
    StatutoryDirection = 2,
}

/// <summary>What the Department can do to a council, by its rules or on a scripted date.</summary>
public enum Directive
{
    ImprovementNotice,
    StatutoryDirection,
    Commissioner,
    TrustOrder,
    DirectionLifted,

    /// <summary>The council is required to work with an improvement partner.</summary>
    PartnerRequired,
}
