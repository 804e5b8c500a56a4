using Simulation.Model.Engine;
using Simulation.Model.World.Actors;

namespace Simulation.Model.World;

public static class ActorFactory
{
    public static Actor Create(Address address, WorldSetup setup, int replicate) => address.Kind switch
    {
        EntityKind.Council => new CouncilActor(FindCouncil(setup, address.Id), setup, replicate),
        EntityKind.Trust => new TrustActor(address, setup, replicate),
        EntityKind.Partner => new PartnerActor(setup.Partners.Single(p => p.Id == address.Id), setup, replicate),
        EntityKind.Inspector => new InspectorActor(setup, replicate),
        EntityKind.Department => new DepartmentActor(setup, replicate),
        EntityKind.Region => new RegionActor(address, setup, replicate),
        _ => throw new ArgumentOutOfRangeException(nameof(address), address, "no actor for this kind"),
    };

    /// <summary>
    /// Whether actors of this kind have nothing to do until their first message, so a host creates
    /// them only then. A trust waits for a council to hand it a service; in a national run most
    /// councils never use theirs, and an idle actor per council and replicate is memory for nothing.
    /// Creating one later gives the same actor: construction depends only on the setup and replicate.
    /// </summary>
    public static bool StartsIdle(EntityKind kind) => kind == EntityKind.Trust;

    private static CouncilSetup FindCouncil(WorldSetup setup, string id) =>
        setup.Councils.FirstOrDefault(c => c.Id == id) ?? throw new ArgumentException($"no council '{id}' in the setup");
}
