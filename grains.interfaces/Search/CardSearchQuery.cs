namespace CardActors.Grains;

/// <summary>Filters combine with AND; null means any. <see cref="Text"/> matches (case-insensitively) a part of the card id, user id, serial, card type, batch or station.</summary>
/// <param name="Limit">1–500.</param>
/// <param name="JobStatus">The status of the card's latest production job: <see cref="ProductionJobStatus.Failed"/> finds the cards whose production failed at a station.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CardSearchQuery")]
public sealed record CardSearchQuery(
    [property: Id(0)] CardKind? Kind = null,
    [property: Id(1)] string? CardType = null,
    [property: Id(2)] CardState? State = null,
    [property: Id(3)] string? UserId = null,
    [property: Id(4)] string? BatchId = null,
    [property: Id(5)] string? StationId = null,
    [property: Id(6)] string? Text = null,
    [property: Id(7)] CardSortField Sort = CardSortField.UpdatedAt,
    [property: Id(8)] bool Descending = true,
    [property: Id(9)] int Offset = 0,
    [property: Id(10)] int Limit = 50,
    [property: Id(11)] ProductionJobStatus? JobStatus = null);
