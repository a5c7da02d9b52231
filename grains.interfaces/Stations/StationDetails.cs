namespace CardActors.Grains;

/// <summary>
/// A station as operators see it. <see cref="Online"/> while its heartbeat lease holds;
/// <see cref="CurrentJob"/> is the one job it holds (a station runs one at a time).
/// </summary>
/// <param name="CardsPerHour">Cards finished (done or failed) in the last hour, per hour of the time this activation has seen (at most an hour).</param>
[GenerateSerializer, Immutable, Alias("CardActors.StationDetails")]
public sealed record StationDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string LineId,
    [property: Id(2)] string Reader,
    [property: Id(3)] IReadOnlyList<string> CardTypes,
    [property: Id(4)] IReadOnlyList<string> Profiles,
    [property: Id(5)] bool Online,
    [property: Id(6)] DateTimeOffset? LastHeartbeat,
    [property: Id(7)] StationJob? CurrentJob,
    [property: Id(8)] long Done,
    [property: Id(9)] long Failed,
    [property: Id(10)] double CardsPerHour,
    [property: Id(11)] DateTimeOffset RegisteredAt);
