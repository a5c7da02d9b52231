namespace CardActors.Grains;

/// <summary>
/// Issue multiple (temporary) cards: the selected cards (approved permanent ones, or requested
/// temporary ones, found with the search) of one card type. Jobs are spread round-robin over
/// <paramref name="StationIds"/> (the stations of a line); empty: any station may claim them.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.IssueMultipleCommand")]
public sealed record IssueMultipleCommand([property: Id(0)] string CardType, [property: Id(1)] IReadOnlyList<string> CardIds, [property: Id(2)] IReadOnlyList<string>? StationIds = null);
