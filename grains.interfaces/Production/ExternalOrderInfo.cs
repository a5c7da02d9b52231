namespace CardActors.Grains;

/// <summary>A card's order at the external producer.</summary>
/// <param name="OrderId">The id the producer knows the order by; its status events name it. Equal to the card id.</param>
/// <param name="SubmittedAt">When the producer accepted it; null while queued (processing).</param>
[GenerateSerializer, Immutable, Alias("CardActors.ExternalOrderInfo")]
public sealed record ExternalOrderInfo(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string? ProductionType,
    [property: Id(2)] DateTimeOffset OrderedAt,
    [property: Id(3)] DateTimeOffset? SubmittedAt,
    [property: Id(4)] ProducerOrderStatus? LastStatus,
    [property: Id(5)] string? LastEventId);
