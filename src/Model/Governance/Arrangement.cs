namespace Simulation.Model.Governance;

/// <summary>
/// Who runs a council's children's social care service and on what terms. The council provides
/// the service itself in <see cref="InHouse"/>, <see cref="TrustOrdered"/> and
/// <see cref="ReturnedInHouse"/>; a trust provides it under contract in the other two. An
/// improvement partner may work alongside any of them (<see cref="GovernanceState.Partner"/>).
/// </summary>
public enum Arrangement
{
    /// <summary>The council runs its own service (the usual case).</summary>
    InHouse = 0,

    /// <summary>The Department has ordered the service moved to a trust; the council runs it until the trust goes live.</summary>
    TrustOrdered = 1,

    /// <summary>An independent trust runs the service under contract to the council.</summary>
    IndependentTrust = 2,

    /// <summary>The trust runs the service but is owned by the council, operationally separate.</summary>
    CouncilOwnedTrust = 3,

    /// <summary>The council runs the service again after a trust ran it.</summary>
    ReturnedInHouse = 4,
}

/// <summary>A change of arrangement, as the Department orders or the council decides.</summary>
public enum ArrangementChange
{
    /// <summary>The Department orders the service moved to a trust.</summary>
    TrustOrder,

    /// <summary>The trust goes live: the council hands the service over.</summary>
    TrustGoLive,

    /// <summary>The trust passes into the council's ownership.</summary>
    CouncilOwnership,

    /// <summary>The contract ends and the service comes back to the council.</summary>
    ReturnInHouse,
}

/// <summary>Where a change leads: the new arrangement, or why the change cannot happen from here.</summary>
public readonly record struct Transition(Arrangement From, ArrangementChange Change, Arrangement To, string? Refusal)
{
    public bool Legal => Refusal is null;
}

/// <summary>
/// The arrangement state machine: the one statement of which changes of arrangement are legal. The
/// council actor steps it, the scenario loader checks a scripted history against it, and the
/// arrangement written to arrangements.csv is its state.
/// </summary>
/// <remarks>
/// in-house or returned in-house --trust order--> trust ordered --go-live--> independent trust;
/// a go-live needs no order of the model's own (a scripted decision may stand for it);
/// independent trust --council ownership--> council-owned trust;
/// either trust --return in-house--> returned in-house. Nothing else.
/// </remarks>
public static class Arrangements
{
    public static readonly IReadOnlyList<Arrangement> All = Enum.GetValues<Arrangement>();

    public static readonly IReadOnlyList<ArrangementChange> Changes = Enum.GetValues<ArrangementChange>();

    /// <summary>Whether a trust runs the service (otherwise the council does).</summary>
    public static bool RunByTrust(this Arrangement a) => a is Arrangement.IndependentTrust or Arrangement.CouncilOwnedTrust;

    /// <summary>Whether the service runs under a trust that the council does not own.</summary>
    public static bool Independent(this Arrangement a) => a == Arrangement.IndependentTrust;

    /// <summary>The arrangement after <paramref name="change"/>, or the reason it is refused.</summary>
    public static Transition Apply(Arrangement from, ArrangementChange change)
    {
        var to = (from, change) switch
        {
            (Arrangement.InHouse or Arrangement.ReturnedInHouse or Arrangement.TrustOrdered, ArrangementChange.TrustOrder) => Arrangement.TrustOrdered,
            (Arrangement.InHouse or Arrangement.ReturnedInHouse or Arrangement.TrustOrdered, ArrangementChange.TrustGoLive) => Arrangement.IndependentTrust,
            (Arrangement.IndependentTrust, ArrangementChange.CouncilOwnership) => Arrangement.CouncilOwnedTrust,
            (Arrangement.IndependentTrust or Arrangement.CouncilOwnedTrust, ArrangementChange.ReturnInHouse) => Arrangement.ReturnedInHouse,
            _ => (Arrangement?)null,
        };
        return to is { } legal
            ? new Transition(from, change, legal, null)
            : new Transition(from, change, from, Refusal(from, change));
    }

    private static string Refusal(Arrangement from, ArrangementChange change) => change switch
    {
        ArrangementChange.TrustOrder or ArrangementChange.TrustGoLive => $"a trust already runs the service ({Name(from)})",
        ArrangementChange.CouncilOwnership when from == Arrangement.CouncilOwnedTrust => "the council already owns the trust",
        ArrangementChange.CouncilOwnership => $"no trust runs the service ({Name(from)}); a trust must go live first",
        _ => $"the council already runs the service ({Name(from)}); a trust must go live first",
    };

    /// <summary>The snake-case name written to the outputs, e.g. <c>council_owned_trust</c>.</summary>
    public static string Name(Arrangement a) => a switch
    {
        Arrangement.InHouse => "in_house",
        Arrangement.TrustOrdered => "trust_ordered",
        Arrangement.IndependentTrust => "independent_trust",
        Arrangement.CouncilOwnedTrust => "council_owned_trust",
        Arrangement.ReturnedInHouse => "returned_in_house",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
    };

    /// <summary>
    /// The arrangement's name for people (figures, reports), e.g. <c>council-owned trust</c>; the
    /// tables keep <see cref="Name(Arrangement)"/>.
    /// </summary>
    public static string DisplayName(Arrangement a) => a switch
    {
        Arrangement.InHouse => "in-house",
        Arrangement.TrustOrdered => "in-house, trust ordered",
        Arrangement.IndependentTrust => "independent trust",
        Arrangement.CouncilOwnedTrust => "council-owned trust",
        Arrangement.ReturnedInHouse => "in-house again",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
    };

    public static string Name(ArrangementChange c) => c switch
    {
        ArrangementChange.TrustOrder => "trust_order",
        ArrangementChange.TrustGoLive => "trust_go_live",
        ArrangementChange.CouncilOwnership => "council_ownership",
        ArrangementChange.ReturnInHouse => "return_in_house",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static Arrangement? Parse(string name) => All.Cast<Arrangement?>().FirstOrDefault(a => Name(a!.Value) == name);
}
