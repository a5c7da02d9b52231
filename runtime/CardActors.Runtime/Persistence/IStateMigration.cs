using System.Text.Json.Nodes;

namespace CardActors.Runtime;

/// <summary>Upgrades the stored JSON of <see cref="StateType"/> from <see cref="FromVersion"/> to the next version.</summary>
public interface IStateMigration
{
    Type StateType { get; }

    int FromVersion { get; }

    JsonNode Migrate(JsonNode state);
}
