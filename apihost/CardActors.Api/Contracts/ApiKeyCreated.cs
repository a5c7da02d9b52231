namespace CardActors.Api.Contracts;

/// <summary>A key just made: <see cref="Key"/> is shown this once and stored nowhere (only its SHA-256 is kept).</summary>
public sealed record ApiKeyCreated(string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy, string Key);
