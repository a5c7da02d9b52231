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
public sealed record ProductionJob(
    string JobId,
    string CardId,
    CardKind Kind,
    string CardType,
    string UseCase,
    int Attempt,
    ProductionJobStatus Status,
    string? BatchId,
    string? StationId,
    int ConfigVersion,
    CardProfile Profile,
    int PinLength,
    int PukLength,
    bool Encode,
    IReadOnlyList<string> Certificates,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? CompletedAt,
    string? CardSerial,
    string? FailureReason);
