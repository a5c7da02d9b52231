namespace CardActors.Grains;

/// <summary>A card as its grain knows it: the truth the search projection follows.</summary>
/// <param name="Version">Raised by every change; the audit and search rows of a change carry it.</param>
/// <param name="ConfigVersion">The configuration version the card's lifecycle started under: its option values (PIN length, validity…) come from it.</param>
/// <param name="ValidUntil">Temporary cards: end of the current assignment's validity.</param>
/// <param name="SuspendedByTemporaryCardId">Permanent cards: the temporary card whose assignment made this card inactive.</param>
/// <param name="SuspendedCardIds">Temporary cards: the permanent cards its assignment made inactive.</param>
/// <param name="Job">The latest production job (open or finished), if any.</param>
/// <param name="PendingApproval">A use case with an approval step that waits for a second operator.</param>
[GenerateSerializer, Immutable, Alias("CardActors.CardDetails")]
public sealed record CardDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] CardKind Kind,
    [property: Id(2)] string CardType,
    [property: Id(3)] CardState State,
    [property: Id(4)] string? UserId,
    [property: Id(5)] long Version,
    [property: Id(6)] int ConfigVersion,
    [property: Id(7)] string? Serial,
    [property: Id(8)] string? BatchId,
    [property: Id(9)] string? StationId,
    [property: Id(10)] string CreatedBy,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] string? RequestedBy,
    [property: Id(14)] string? ApprovedBy,
    [property: Id(15)] DateTimeOffset? ValidUntil,
    [property: Id(16)] string? SuspendedByTemporaryCardId,
    [property: Id(17)] IReadOnlyList<string> SuspendedCardIds,
    [property: Id(18)] ProductionJob? Job,
    [property: Id(19)] ExternalOrderInfo? ExternalOrder,
    [property: Id(20)] PendingApproval? PendingApproval,
    [property: Id(21)] string? LastReason,
    [property: Id(22)] IReadOnlyList<string> Certificates)
{
    /// <summary>
    /// Serials of physical cards made for this card and voided since (Repeat production of a
    /// misprinted card), oldest first. They are no longer valid: their certificates were revoked.
    /// </summary>
    [Id(23)]
    public IReadOnlyList<string> VoidedSerials { get; init; } = [];

    /// <summary>
    /// Permanent cards: reported lost (the temporary card standing in for it was withdrawn with reason
    /// lost). It stays inactive: it can be locked, never reactivated.
    /// </summary>
    [Id(24)]
    public bool Lost { get; init; }
}
