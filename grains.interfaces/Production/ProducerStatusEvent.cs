namespace CardActors.Grains;

/// <summary>
/// A status report from the external producer (the body of its callback). <see cref="EventId"/>
/// is unique per event: a report delivered twice is applied once.
/// </summary>
/// <param name="CardSerial">The serial of the produced card (status Produced).</param>
/// <param name="Reason">Why production failed (status Failed).</param>
[GenerateSerializer, Immutable, Alias("CardActors.ProducerStatusEvent")]
public sealed record ProducerStatusEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string OrderId,
    [property: Id(2)] ProducerOrderStatus Status,
    [property: Id(3)] DateTimeOffset OccurredAt,
    [property: Id(4)] string? CardSerial = null,
    [property: Id(5)] string? Reason = null);
