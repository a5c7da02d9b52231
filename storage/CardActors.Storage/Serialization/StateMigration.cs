using System.Text.Json.Nodes;

namespace CardActors.Storage.Serialization;

/// <summary>An <see cref="IStateMigration"/> made of a delegate, for migrations that fit in a lambda.</summary>
public sealed class StateMigration<TState>(int fromVersion, Func<JsonNode?, JsonNode?> migrate) : IStateMigration
{
    public Type StateType => typeof(TState);

    public int FromVersion { get; } = fromVersion >= 1 ? fromVersion : throw new ArgumentOutOfRangeException(nameof(fromVersion), fromVersion, "Versions start at 1.");

    public JsonNode? Migrate(JsonNode? state) => migrate(state);
}
