namespace CardActors.Grains;

public sealed record UserDetails(
    string Id,
    string DisplayName,
    string? Email,
    string? Department,
    UserState State,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<UserCardLink> Cards);
