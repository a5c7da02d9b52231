namespace CardActors.Grains;

/// <summary>What a producer status event did to its card.</summary>
public sealed record ProducerStatusAck(string EventId, string CardId, ProducerStatusOutcome Outcome, CardState State, string? Detail);
