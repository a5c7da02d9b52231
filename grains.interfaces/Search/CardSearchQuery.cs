namespace CardActors.Grains;

/// <summary>Filters combine with AND; null means any. <see cref="Text"/> matches (case-insensitively) a part of the card id, user id, serial, card type, batch or station.</summary>
/// <param name="Limit">1–500.</param>
public sealed record CardSearchQuery(
    CardKind? Kind = null,
    string? CardType = null,
    CardState? State = null,
    string? UserId = null,
    string? BatchId = null,
    string? StationId = null,
    string? Text = null,
    CardSortField Sort = CardSortField.UpdatedAt,
    bool Descending = true,
    int Offset = 0,
    int Limit = 50);
