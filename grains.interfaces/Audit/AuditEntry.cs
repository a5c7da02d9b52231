namespace CardActors.Grains;

/// <summary>
/// One audit row. Rows are append-only and chained: <see cref="Hash"/> is SHA-256 over
/// <see cref="PreviousHash"/> and the row's canonical content, so altering or removing a row breaks
/// every hash after it.
/// </summary>
/// <param name="Sequence">Position in the global chain, from 1.</param>
/// <param name="SubjectType">"card", "user", "configuration", "batch" or "production".</param>
/// <param name="FromState">The subject's state before; null when it did not exist or has no state.</param>
/// <param name="Details">JSON with the use case's values (reason, job id, config version…); never a secret.</param>
[GenerateSerializer, Immutable, Alias("CardActors.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Operator,
    [property: Id(3)] string UseCase,
    [property: Id(4)] string SubjectType,
    [property: Id(5)] string SubjectId,
    [property: Id(6)] string? CardId,
    [property: Id(7)] string? UserId,
    [property: Id(8)] string? FromState,
    [property: Id(9)] string? ToState,
    [property: Id(10)] string? CorrelationId,
    [property: Id(11)] string? Details,
    [property: Id(12)] string PreviousHash,
    [property: Id(13)] string Hash);
