namespace CardActors.Grains;

/// <summary>
/// The offline unblock response (hex): HMAC-SHA256 over the challenge keyed with the card's PUK,
/// which the system keeps encrypted; the desktop app checks it the same way and unblocks the PIN.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.UnblockPinResult")]
public sealed record UnblockPinResult([property: Id(0)] string CardId, [property: Id(1)] string Response, [property: Id(2)] CardDetails Card);
