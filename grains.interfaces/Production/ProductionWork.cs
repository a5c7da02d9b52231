namespace CardActors.Grains;

/// <summary>
/// What a station needs to personalize the card, handed out once per claim and never stored in
/// clear: the PIN (to set on the card and give to the cardholder), the PUK and the card's new
/// management key (hex). Claiming again (a station restarted) generates new secrets: the card
/// half-done under the old ones must be wiped or discarded.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.ProductionWork")]
public sealed record ProductionWork([property: Id(0)] ProductionJob Job, [property: Id(1)] string? Pin, [property: Id(2)] string? Puk, [property: Id(3)] string? ManagementKey);
