namespace CardActors.Grains;

/// <summary>A card as its grain knows it: the truth the search projection follows.</summary>
/// <param name="Version">Raised by every change; the audit and search rows of a change carry it.</param>
/// <param name="ConfigVersion">The configuration version the card's lifecycle started under: its option values (PIN length, validity…) come from it.</param>
/// <param name="ValidUntil">Temporary cards: end of the current assignment's validity.</param>
/// <param name="SuspendedByTemporaryCardId">Permanent cards: the temporary card whose assignment made this card inactive.</param>
/// <param name="SuspendedCardIds">Temporary cards: the permanent cards its assignment made inactive.</param>
/// <param name="Job">The latest production job (open or finished), if any.</param>
/// <param name="PendingApproval">A use case with an approval step that waits for a second operator.</param>
public sealed record CardDetails(
    string Id,
    CardKind Kind,
    string CardType,
    CardState State,
    string? UserId,
    long Version,
    int ConfigVersion,
    string? Serial,
    string? BatchId,
    string? StationId,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? RequestedBy,
    string? ApprovedBy,
    DateTimeOffset? ValidUntil,
    string? SuspendedByTemporaryCardId,
    IReadOnlyList<string> SuspendedCardIds,
    ProductionJob? Job,
    ExternalOrderInfo? ExternalOrder,
    PendingApproval? PendingApproval,
    string? LastReason,
    IReadOnlyList<string> Certificates)
{
    /// <summary>
    /// Serials of physical cards made for this card and voided since (Repeat production of a
    /// misprinted card), oldest first. They are no longer valid: their certificates were revoked.
    /// </summary>
    public IReadOnlyList<string> VoidedSerials { get; init; } = [];

    /// <summary>
    /// Permanent cards: reported lost (the temporary card standing in for it was withdrawn with reason
    /// lost). It stays inactive: it can be locked, never reactivated.
    /// </summary>
    public bool Lost { get; init; }
}
