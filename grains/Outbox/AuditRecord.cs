using CardActors.Storage.Serialization;

namespace CardActors.Grains.Outbox;

/// <summary>An audit row as the grain wrote it into its outbox; its place in the chain is given when it is drained.</summary>
[OmitNulls]
public sealed record AuditRecord(
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
    string? Details);
