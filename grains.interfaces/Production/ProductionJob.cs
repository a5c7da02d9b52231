namespace CardActors.Grains;

/// <summary>
/// One personalization of one physical card at a station. The values come from the configuration
/// version the card's use case started under (<see cref="ConfigVersion"/>). Secrets are not here:
/// a station gets them once, with <see cref="ICardProductionGrain.ClaimJobAsync"/>.
/// </summary>
/// <param name="JobId">Unique; <c>{cardId}.{attempt}</c>.</param>
/// <param name="UseCase">The use case the job completes (e.g. <c>CardsProcIssue</c>).</param>
/// <param name="Encode">False: print only (temporary cards with "encode" off): no keys, PIN or PUK.</param>
/// <param name="Certificates">The certificate templates to issue (empty when not encoding).</param>
[GenerateSerializer, Immutable, Alias("CardActors.ProductionJob")]
public sealed record ProductionJob(
    [property: Id(0)] string JobId,
    [property: Id(1)] string CardId,
    [property: Id(2)] CardKind Kind,
    [property: Id(3)] string CardType,
    [property: Id(4)] string UseCase,
    [property: Id(5)] int Attempt,
    [property: Id(6)] ProductionJobStatus Status,
    [property: Id(7)] string? BatchId,
    [property: Id(8)] string? StationId,
    [property: Id(9)] int ConfigVersion,
    [property: Id(10)] CardProfile Profile,
    [property: Id(11)] int PinLength,
    [property: Id(12)] int PukLength,
    [property: Id(13)] bool Encode,
    [property: Id(14)] IReadOnlyList<string> Certificates,
    [property: Id(15)] DateTimeOffset CreatedAt,
    [property: Id(16)] DateTimeOffset? ClaimedAt,
    [property: Id(17)] DateTimeOffset? CompletedAt,
    [property: Id(18)] string? CardSerial,
    [property: Id(19)] string? FailureReason);
