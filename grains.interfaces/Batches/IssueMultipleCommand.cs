namespace CardActors.Grains;

/// <summary>
/// Issue multiple (temporary) cards: the selected cards (approved permanent ones, or requested
/// temporary ones, found with the search) of one card type. Jobs are spread round-robin over
/// <paramref name="StationIds"/>; empty: any station may claim them. With <see cref="LineId"/> instead,
/// the line's online stations get them pushed, one job per station at a time.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.IssueMultipleCommand")]
public sealed record IssueMultipleCommand([property: Id(0)] string CardType, [property: Id(1)] IReadOnlyList<string> CardIds, [property: Id(2)] IReadOnlyList<string>? StationIds = null)
{
    /// <summary>
    /// The production line whose stations make the cards: each job is pushed to a free online station of
    /// the line that can encode it, and goes to another when its station is lost. Not with <see cref="StationIds"/>.
    /// </summary>
    [Id(3)]
    public string? LineId { get; init; }
}
