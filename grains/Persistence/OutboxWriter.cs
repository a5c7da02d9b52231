using System.Data.Common;
using CardActors.Grains.Outbox;

namespace CardActors.Grains.Persistence;

/// <summary>
/// Writes outbox entries into the audit and search tables, all of one drain in one transaction.
/// Idempotent: an audit row is keyed by (source grain, source sequence) and a search row is only
/// replaced by a newer version, so an entry drained twice (after a crash) changes nothing.
/// </summary>
internal sealed class OutboxWriter(DomainDatabase database)
{
    private const string UpsertCard = """
        INSERT INTO cardactors_card_search (card_id, kind, card_type, state, user_id, batch_id, station_id, serial, job_id, job_status, version, created_at, updated_at, search_text)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (card_id) DO UPDATE SET kind = excluded.kind, card_type = excluded.card_type, state = excluded.state, user_id = excluded.user_id,
            batch_id = excluded.batch_id, station_id = excluded.station_id, serial = excluded.serial, job_id = excluded.job_id, job_status = excluded.job_status,
            version = excluded.version, created_at = excluded.created_at, updated_at = excluded.updated_at, search_text = excluded.search_text
        WHERE cardactors_card_search.version < excluded.version
        """;

    private const string UpsertUser = """
        INSERT INTO cardactors_user_search (user_id, display_name, email, department, state, version, updated_at, search_text)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email, department = excluded.department,
            state = excluded.state, version = excluded.version, updated_at = excluded.updated_at, search_text = excluded.search_text
        WHERE cardactors_user_search.version < excluded.version
        """;

    public Task MarkPendingAsync(GrainId grain, CancellationToken cancellationToken)
        => database.WriteAsync(
            async (connection, transaction) =>
            {
                await using var command = database.Command(
                    connection, transaction,
                    "INSERT INTO cardactors_outbox_pending (grain_type, grain_key, since) VALUES ($1, $2, $3) ON CONFLICT (grain_type, grain_key) DO NOTHING",
                    grain.Type.ToString(), grain.Key.ToString(), DomainDatabase.Time(DateTimeOffset.UtcNow));
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    public Task ClearPendingAsync(GrainId grain, CancellationToken cancellationToken)
        => database.WriteAsync((connection, transaction) => ClearPendingAsync(connection, transaction, grain, cancellationToken), cancellationToken);

    /// <summary>Writes the entries; when <paramref name="clearPending"/>, also forgets that the grain has an outbox to drain.</summary>
    public Task WriteAsync(GrainId grain, IReadOnlyList<OutboxEntry> entries, bool clearPending, CancellationToken cancellationToken)
        => database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, grain, entries, clearPending, cancellationToken), cancellationToken);

    private async Task WriteAsync(DbConnection connection, DbTransaction transaction, GrainId grain, IReadOnlyList<OutboxEntry> entries, bool clearPending, CancellationToken cancellationToken)
    {
        var source = grain.ToString();
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (entry.Audit is { } audit)
            {
                await AppendAuditAsync(connection, transaction, source, entry.Sequence, audit, cancellationToken);
            }

            if (entry.Card is { } card)
            {
                await using var command = database.Command(
                    connection, transaction, UpsertCard,
                    card.Id, card.Kind.ToString(), card.CardType, card.State.ToString(), card.UserId, card.BatchId, card.StationId, card.Serial, card.JobId,
                    card.JobStatus?.ToString(), card.Version, DomainDatabase.Time(card.CreatedAt), DomainDatabase.Time(card.UpdatedAt),
                    SearchText(card.Id, card.UserId, card.Serial, card.CardType, card.BatchId, card.StationId));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (entry.User is { } user)
            {
                await using var command = database.Command(
                    connection, transaction, UpsertUser,
                    user.Id, user.DisplayName, user.Email, user.Department, user.State.ToString(), user.Version, DomainDatabase.Time(user.UpdatedAt),
                    SearchText(user.Id, user.DisplayName, user.Email, user.Department));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (clearPending)
        {
            await ClearPendingAsync(connection, transaction, grain, cancellationToken);
        }
    }

    private async Task ClearPendingAsync(DbConnection connection, DbTransaction? transaction, GrainId grain, CancellationToken cancellationToken)
    {
        await using var command = database.Command(
            connection, transaction, "DELETE FROM cardactors_outbox_pending WHERE grain_type = $1 AND grain_key = $2", grain.Type.ToString(), grain.Key.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, string source, long sourceSequence, AuditRecord audit, CancellationToken cancellationToken)
    {
        await using (var exists = database.Command(connection, transaction, "SELECT 1 FROM cardactors_audit WHERE source_grain = $1 AND source_seq = $2", source, sourceSequence))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        long last;
        string previousHash;
        await using (var head = database.Command(connection, transaction, "SELECT last_seq, last_hash FROM cardactors_audit_head WHERE id = 1" + database.ForUpdate))
        await using (var reader = await head.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            last = reader.GetInt64(0);
            previousHash = reader.GetString(1);
        }

        var sequence = last + 1;
        var at = DomainDatabase.Time(audit.At);
        var hash = AuditHash.Compute(previousHash, sequence, at, audit.Operator, audit.UseCase, audit.SubjectType, audit.SubjectId,
            audit.CardId, audit.UserId, audit.FromState, audit.ToState, audit.CorrelationId, audit.Details);
        await using (var insert = database.Command(
            connection, transaction,
            """
            INSERT INTO cardactors_audit (seq, at, operator, use_case, subject_type, subject_id, card_id, user_id, from_state, to_state, correlation_id, details, source_grain, source_seq, prev_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            """,
            sequence, at, audit.Operator, audit.UseCase, audit.SubjectType, audit.SubjectId, audit.CardId, audit.UserId, audit.FromState, audit.ToState,
            audit.CorrelationId, audit.Details, source, sourceSequence, previousHash, hash))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var update = database.Command(connection, transaction, "UPDATE cardactors_audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1", sequence, hash);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string SearchText(params string?[] parts)
        => string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p))).ToLowerInvariant();
}
