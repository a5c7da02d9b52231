namespace CardActors.Grains;

/// <param name="CardsHoldingPlaces">
/// The user's cards that hold one of the per-user places: active permanent cards, assigned temporary
/// cards, open external orders (and places reserved by a use case about to commit). Bounded by the
/// per-user rules, not by history; all the user's cards are in the card search (<c>GET /users/{id}/cards</c>).
/// </param>
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
    [property: Id(8)] IReadOnlyList<UserCardLink> CardsHoldingPlaces);
