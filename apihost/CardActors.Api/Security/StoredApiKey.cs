namespace CardActors.Api.Security;

/// <summary>An API key kept in the database: its name, roles and SHA-256; the key itself is never stored.</summary>
public sealed record StoredApiKey(string Name, string Sha256, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy);
