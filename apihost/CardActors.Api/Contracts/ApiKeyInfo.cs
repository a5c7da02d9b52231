namespace CardActors.Api.Contracts;

/// <summary>An API key as an admin sees it: never the key, nor its hash.</summary>
/// <param name="Source">"database" (made by POST /api-keys or --seed-demo; can be revoked here) or "configuration" (CardActors:Api:Keys).</param>
/// <param name="LastUsedAt">To the minute; null when never used, and for configured keys, whose use is not recorded.</param>
public sealed record ApiKeyInfo(string Name, IReadOnlyList<string> Roles, string Source, DateTimeOffset? CreatedAt, string? CreatedBy, DateTimeOffset? LastUsedAt);
