namespace CardActors.Grains;

/// <summary>A card as the search projection has it; <see cref="Version"/> is the card's version it was written from.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.CardSummary")]
public sealed record CardSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] CardKind Kind,
    [property: Id(2)] string CardType,
    [property: Id(3)] CardState State,
    [property: Id(4)] string? UserId,
    [property: Id(5)] string? BatchId,
    [property: Id(6)] string? StationId,
    [property: Id(7)] string? Serial,
    [property: Id(8)] string? JobId,
    [property: Id(9)] ProductionJobStatus? JobStatus,
    [property: Id(10)] long Version,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt);
