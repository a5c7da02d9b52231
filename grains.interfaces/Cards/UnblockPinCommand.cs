namespace CardActors.Grains;

/// <summary><c>CardsProcUnblockRemote</c>: the challenge the cardholder's desktop app shows (hex, 8–64 bytes).</summary>
public sealed record UnblockPinCommand(string Challenge);
