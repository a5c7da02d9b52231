namespace CardActors.Api.Security;

/// <summary>An API key kept in the database: its name, roles and SHA-256; the key itself is never stored.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.StoredApiKey")]
public sealed record StoredApiKey([property: Id(0)] string Name, [property: Id(1)] string Sha256, [property: Id(2)] IReadOnlyList<string> Roles, [property: Id(3)] DateTimeOffset CreatedAt, [property: Id(4)] string CreatedBy);
