using Simulation.Model.Engine;

namespace Simulation.Model.World;

/// <summary>The kinds of entity in a simulated world. <see cref="Scenario"/> sends the scripted inputs.</summary>
public enum EntityKind
{
    Scenario = 0,
    Department = 1,
    Partner = 2,
    Council = 3,
    Trust = 4,
    Inspector = 5,

    /// <summary>A regional labour market: social workers move between the councils of a region.</summary>
    Region = 6,
}

/// <summary>Who a message is from or for. Ordered by kind, then id, so sorting is stable everywhere.</summary>
public readonly record struct Address(EntityKind Kind, string Id) : IComparable<Address>
{
    public static readonly Address Scenario = new(EntityKind.Scenario, "scenario");
    public static readonly Address Department = new(EntityKind.Department, "dfe");
    public static readonly Address Inspector = new(EntityKind.Inspector, "ofsted");

    public static Address Council(string id) => new(EntityKind.Council, id);
    public static Address TrustOf(string councilId) => new(EntityKind.Trust, councilId + "-trust");
    public static Address Partner(string id) => new(EntityKind.Partner, id);
    public static Address Region(string id) => new(EntityKind.Region, "region-" + id);

    public int CompareTo(Address other)
    {
        var c = ((int)Kind).CompareTo((int)other.Kind);
        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }

    public static bool operator <(Address a, Address b) => a.CompareTo(b) < 0;
    public static bool operator >(Address a, Address b) => a.CompareTo(b) > 0;
    public static bool operator <=(Address a, Address b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Address a, Address b) => a.CompareTo(b) >= 0;

    public override string ToString() => Id;
}
