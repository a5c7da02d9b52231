using CardActors.Storage.Serialization;

namespace CardActors.Api.Security;

/// <summary>An API key kept in the database: its name, roles and SHA-256; the key itself is never stored.</summary>
/// <param name="LastUsedAt">When a request last came with the key, to the minute (recorded at most once a minute per API host).</param>
[GenerateSerializer, Immutable, Alias("CardActors.StoredApiKey"), OmitNulls]
public sealed record StoredApiKey(
    [property: Id(0)] string Name,
    [property: Id(1)] string Sha256,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string CreatedBy,
    [property: Id(5)] DateTimeOffset? LastUsedAt = null);
