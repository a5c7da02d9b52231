namespace CardActors.Grains;

/// <summary>A card's order at the external producer.</summary>
/// <param name="OrderId">The id the producer knows the order by; its status events name it. Equal to the card id.</param>
/// <param name="SubmittedAt">When the producer accepted it; null while queued (processing).</param>
public sealed record ExternalOrderInfo(
    string OrderId,
    string? ProductionType,
    DateTimeOffset OrderedAt,
    DateTimeOffset? SubmittedAt,
    ProducerOrderStatus? LastStatus,
    string? LastEventId);
