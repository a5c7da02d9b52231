namespace CardActors.Grains;

/// <summary>
/// What an operator's client needs to reset a blocked PIN on the card itself (RESET RETRY
/// COUNTER), answered once and never stored in clear: the card's current PUK, and the new PUK the
/// client sets right after (CHANGE REFERENCE DATA). The cluster keeps the new PUK pending until the
/// client confirms (<see cref="ICardGrain.ConfirmPinUnblockAsync"/>), the old one until then.
/// </summary>
/// <param name="Puk">The PUK the card has now (the confirmed one).</param>
/// <param name="NewPuk">The PUK to set; the same one again while an earlier unblock is unconfirmed, because the card may already have it.</param>
/// <param name="Resumed">An earlier unblock was not confirmed: the card holds either <paramref name="Puk"/> or <paramref name="NewPuk"/>.</param>
[GenerateSerializer, Immutable, Alias("CardActors.PinUnblock")]
public sealed record PinUnblock([property: Id(0)] string CardId, [property: Id(1)] string Puk, [property: Id(2)] string NewPuk, [property: Id(3)] bool Resumed, [property: Id(4)] CardDetails Card);
