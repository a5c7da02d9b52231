namespace CardActors.Grains.Internal;

/// <summary>A batch order's request for one card's production job.</summary>
[GenerateSerializer, Immutable, Alias("CardActors.BatchJobRequest")]
public sealed record BatchJobRequest([property: Id(0)] string BatchId, [property: Id(1)] string UseCase, [property: Id(2)] int ConfigVersion, [property: Id(3)] string? StationId);
