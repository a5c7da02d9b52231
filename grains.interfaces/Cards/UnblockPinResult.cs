namespace CardActors.Grains;

/// <summary>
/// The offline unblock response (hex): HMAC-SHA256 over the challenge keyed with the card's PUK,
/// which the system keeps encrypted; the desktop app checks it the same way and unblocks the PIN.
/// </summary>
public sealed record UnblockPinResult(string CardId, string Response, CardDetails Card);
