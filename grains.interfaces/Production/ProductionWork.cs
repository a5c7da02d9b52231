namespace CardActors.Grains;

/// <summary>
/// What a station needs to personalize the card, handed out once per claim and never stored in
/// clear: the PIN (to set on the card and give to the cardholder), the PUK and the card's new
/// management key (hex). Claiming again (a station restarted) generates new secrets: the card
/// half-done under the old ones must be wiped or discarded.
/// </summary>
public sealed record ProductionWork(ProductionJob Job, string? Pin, string? Puk, string? ManagementKey);
