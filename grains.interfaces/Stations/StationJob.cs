namespace CardActors.Grains;

/// <summary>
/// A job pushed to a station's process (<see cref="IStationJobObserver"/>): enough to claim it
/// (<see cref="IStationGrain.ClaimJobAsync"/>); the job itself and its secrets come with the claim.
/// </summary>
[GenerateSerializer, Immutable, Alias("CardActors.StationJob")]
public sealed record StationJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] string CardId,
    [property: Id(2)] string? BatchId,
    [property: Id(3)] string CardType,
    [property: Id(4)] DateTimeOffset AssignedAt);
