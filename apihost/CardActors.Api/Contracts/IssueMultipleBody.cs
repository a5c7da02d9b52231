namespace CardActors.Api.Contracts;

/// <summary>
/// Issue multiple (temporary) cards: the selected cards of one card type, pushed to the online stations
/// of the production line <c>lineId</c>; or, without a line, spread over <c>stationIds</c> (none: any station).
/// </summary>
public sealed record IssueMultipleBody(string CardType, IReadOnlyList<string> CardIds, IReadOnlyList<string>? StationIds = null, string? LineId = null);
