namespace CardActors.Grains;

public sealed record UserSummary(string Id, string DisplayName, string? Email, string? Department, UserState State, long Version, DateTimeOffset UpdatedAt);
