using System.Text.Json;

namespace CardActors.Grains.Outbox;

/// <summary>Builds audit rows from the ambient operator and correlation id.</summary>
internal static class AuditContext
{
    public static string Operator => DomainRequestContext.Operator is { Length: > 0 } op ? op : DomainRequestContext.SystemOperator;

    public static AuditRecord Record(DateTimeOffset at, string useCase, string subjectType, string subjectId, string? cardId, string? userId,
        string? from, string? to, object? details = null)
        => new(at, Operator, useCase, subjectType, subjectId, cardId, userId, from, to, DomainRequestContext.CorrelationId,
            details is null ? null : JsonSerializer.Serialize(details, details.GetType()));
}
