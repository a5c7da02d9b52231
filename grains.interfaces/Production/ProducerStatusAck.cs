namespace CardActors.Grains;

/// <summary>What a producer status event did to its card.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.ProducerStatusAck")]
public sealed record ProducerStatusAck([property: Id(0)] string EventId, [property: Id(1)] string CardId, [property: Id(2)] ProducerStatusOutcome Outcome, [property: Id(3)] CardState State, [property: Id(4)] string? Detail);
