namespace CardActors.Api.Contracts;

/// <summary>Register a station: its production line, its PC/SC reader, and the card types and profiles (card applications, e.g. PIV) it can encode.</summary>
public sealed record RegisterStationBody(string LineId, string Reader, IReadOnlyList<string> CardTypes, IReadOnlyList<string> Profiles);
