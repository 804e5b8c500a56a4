using Simulation.Model.World.Actors;

namespace Simulation.Model.World;

public static class ActorFactory
{
    public static Actor Create(Address address, WorldSetup setup, int replicate) => address.Kind switch
    {
        EntityKind.Council => new CouncilActor(FindCouncil(setup, address.Id), setup, replicate),
        EntityKind.Trust => new TrustActor(setup.Councils.Single(c => c.Trust == address), setup, replicate),
        EntityKind.Partner => new PartnerActor(setup.Partners.Single(p => p.Id == address.Id), setup, replicate),
        EntityKind.Inspector => new InspectorActor(setup, replicate),
        EntityKind.Department => new DepartmentActor(setup, replicate),
        EntityKind.Region => new RegionActor(address, setup, replicate),
        _ => throw new ArgumentOutOfRangeException(nameof(address), address, "no actor for this kind"),
    };

    private static CouncilSetup FindCouncil(WorldSetup setup, string id) =>
        setup.Councils.FirstOrDefault(c => c.Id == id) ?? throw new ArgumentException($"no council '{id}' in the setup");
}
