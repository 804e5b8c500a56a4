using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Serialization;
using Simulation.Model.Engine;
using Simulation.Model.World;

namespace Simulation.Grains;

/// <summary>
/// The pure model carries no Orleans attributes, so its types cross silo boundaries as JSON
/// (System.Text.Json). Within a silo nothing is copied: grain arguments are wrapped in Immutable.
/// Doubles round-trip exactly, so a run spread over silos gives the same numbers as one silo.
/// </summary>
public static class SimulationSerialization
{
    private static readonly Assembly ModelAssembly = typeof(WorldSetup).Assembly;

    public static JsonSerializerOptions JsonOptions { get; } = CreateOptions();

    public static bool IsModelType(Type type) => type.Assembly == ModelAssembly;

    public static ISerializerBuilder AddSimulationSerialization(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(isSupported: IsModelType, jsonSerializerOptions: JsonOptions);

    private static JsonSerializerOptions CreateOptions()
    {
        var messages = ModelAssembly.GetTypes()
            .Where(t => typeof(IMessage).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        var resolver = new DefaultJsonTypeInfoResolver();
        var snapshots = ModelAssembly.GetTypes()
            .Where(t => typeof(ActorSnapshot).IsAssignableFrom(t) && t is { IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        resolver.Modifiers.Add(info =>
        {
            if (info.Type == typeof(IMessage))
            {
                info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$message" };
                foreach (var t in messages) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(t, t.Name));
            }
            else if (info.Type == typeof(ActorSnapshot))
            {
                // Checkpoints hold each actor's snapshot under its base type.
                info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$actor" };
                foreach (var t in snapshots) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(t, t.Name));
            }
        });
        return new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            IgnoreReadOnlyProperties = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            IncludeFields = false,
        };
    }
}
