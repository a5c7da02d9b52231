namespace CardActors.Grains;

[GenerateSerializer, Immutable, Alias("CardActors.UserDetails")]
public sealed record UserDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string? Email,
    [property: Id(3)] string? Department,
    [property: Id(4)] UserState State,
    [property: Id(5)] long Version,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] IReadOnlyList<UserCardLink> Cards);
