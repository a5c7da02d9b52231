namespace CardActors.Grains;

/// <summary>The external-order dispatcher: it sends queued (processing) orders to the producer unless paused.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.DispatcherStatus")]
public sealed record DispatcherStatus([property: Id(0)] bool Paused, [property: Id(1)] string? ChangedBy, [property: Id(2)] DateTimeOffset? ChangedAt, [property: Id(3)] DateTimeOffset? LastRunAt, [property: Id(4)] int LastRunDispatched, [property: Id(5)] int LastRunFailed);
