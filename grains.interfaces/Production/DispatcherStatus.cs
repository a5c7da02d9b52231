namespace CardActors.Grains;

/// <summary>The external-order dispatcher: it sends queued (processing) orders to the producer unless paused.</summary>
public sealed record DispatcherStatus(bool Paused, string? ChangedBy, DateTimeOffset? ChangedAt, DateTimeOffset? LastRunAt, int LastRunDispatched, int LastRunFailed);
