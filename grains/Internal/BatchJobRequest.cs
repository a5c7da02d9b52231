namespace CardActors.Grains.Internal;

/// <summary>A batch order's request for one card's production job.</summary>
public sealed record BatchJobRequest(string BatchId, string UseCase, int ConfigVersion, string? StationId);
