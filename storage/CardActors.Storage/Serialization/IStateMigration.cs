using System.Text.Json.Nodes;

namespace CardActors.Storage.Serialization;

/// <summary>
/// Upgrades the stored JSON of <see cref="StateType"/> from <see cref="FromVersion"/> to
/// <see cref="FromVersion"/> + 1. It sees the state object only, never the envelope around it.
/// </summary>
public interface IStateMigration
{
    Type StateType { get; }

    int FromVersion { get; }

    /// <summary>Returns the upgraded JSON; it may change <paramref name="state"/> in place and return it.</summary>
    JsonNode? Migrate(JsonNode? state);
}
