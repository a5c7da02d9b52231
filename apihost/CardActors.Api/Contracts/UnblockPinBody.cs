namespace CardActors.Api.Contracts;

/// <summary>The challenge the cardholder's desktop app shows (hex).</summary>
public sealed record UnblockPinBody(string Challenge);
