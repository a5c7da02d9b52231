namespace CardActors.Grains;

/// <summary>
/// Issue multiple (temporary) cards: the selected cards (approved permanent ones, or requested
/// temporary ones, found with the search) of one card type. Jobs are spread round-robin over
/// <paramref name="StationIds"/> (the stations of a line); empty: any station may claim them.
/// </summary>
public sealed record IssueMultipleCommand(string CardType, IReadOnlyList<string> CardIds, IReadOnlyList<string>? StationIds = null);
