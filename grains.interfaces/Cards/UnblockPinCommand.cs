namespace CardActors.Grains;

/// <summary><c>CardsProcUnblockRemote</c>: the challenge the cardholder's desktop app shows (hex, 8–64 bytes).</summary>
[GenerateSerializer, Immutable, Alias("CardActors.UnblockPinCommand")]
public sealed record UnblockPinCommand([property: Id(0)] string Challenge);
