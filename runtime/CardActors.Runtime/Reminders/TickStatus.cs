namespace CardActors.Runtime;

/// <summary>When a reminder tick was due and when it was delivered.</summary>
public readonly record struct TickStatus(DateTimeOffset DueAt, DateTimeOffset DeliveredAt, TimeSpan Period);
