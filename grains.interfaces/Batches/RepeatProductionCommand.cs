namespace CardActors.Grains;

/// <summary>
/// Repeat production of failed items: the given cards (each must have failed) or, when null, every
/// failed one; and of misprinted items: <see cref="MisprintedCardIds"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.RepeatProductionCommand")]
public sealed record RepeatProductionCommand([property: Id(0)] IReadOnlyList<string>? CardIds = null)
{
    /// <summary>
    /// Items whose job was done but whose card came out wrong (misprinted, damaged): each card's
    /// physical card is voided (serial recorded in <see cref="CardDetails.VoidedSerials"/>,
    /// certificates revoked, PIN/PUK/keys dropped), the card goes back to the state it had before
    /// the batch, and a new job makes a fresh card with new secrets; the card reaches the batch's
    /// target state only when that job is done. A failed item named here is repeated like one in
    /// <see cref="CardIds"/>. These are repeated in addition to <see cref="CardIds"/> (or, when that
    /// is null, every failed item): to repeat only misprinted items, pass an empty <see cref="CardIds"/>.
    /// </summary>
    [Id(1)]
    public IReadOnlyList<string>? MisprintedCardIds { get; init; }

    /// <summary>Why the misprinted items are produced again (audited; default "misprinted").</summary>
    [Id(2)]
    public string? Reason { get; init; }
}
