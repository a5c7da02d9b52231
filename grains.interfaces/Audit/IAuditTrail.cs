namespace CardActors.Grains;

/// <summary>
/// Reads the audit trail (a service in the silo's container, not a grain: it queries the audit
/// table, written by the grains through their outbox). Rows show up once the grain's outbox is
/// drained, normally before the use case returns.
/// </summary>
public interface IAuditTrail
{
    Task<PagedResult<AuditEntry>> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Recomputes the whole chain and reports the first broken row.</summary>
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}
