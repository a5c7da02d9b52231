namespace CardActors.Api.Contracts;

/// <summary>Issue multiple (temporary) cards: the selected cards of one card type, spread over the stations of a line (none: any station).</summary>
public sealed record IssueMultipleBody(string CardType, IReadOnlyList<string> CardIds, IReadOnlyList<string>? StationIds = null);
