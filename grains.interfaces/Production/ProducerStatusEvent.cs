namespace CardActors.Grains;

/// <summary>
/// A status report from the external producer (the body of its callback). <see cref="EventId"/>
/// is unique per event: a report delivered twice is applied once.
/// </summary>
/// <param name="CardSerial">The serial of the produced card (status Produced).</param>
/// <param name="Reason">Why production failed (status Failed).</param>
public sealed record ProducerStatusEvent(
    string EventId,
    string OrderId,
    ProducerOrderStatus Status,
    DateTimeOffset OccurredAt,
    string? CardSerial = null,
    string? Reason = null);
