namespace CardActors.Grains;

/// <summary>A card as the search projection has it; <see cref="Version"/> is the card's version it was written from.</summary>
public sealed record CardSummary(
    string Id,
    CardKind Kind,
    string CardType,
    CardState State,
    string? UserId,
    string? BatchId,
    string? StationId,
    string? Serial,
    string? JobId,
    ProductionJobStatus? JobStatus,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
