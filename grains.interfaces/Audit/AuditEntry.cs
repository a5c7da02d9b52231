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
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Operator,
    string UseCase,
    string SubjectType,
    string SubjectId,
    string? CardId,
    string? UserId,
    string? FromState,
    string? ToState,
    string? CorrelationId,
    string? Details,
    string PreviousHash,
    string Hash);
