using System.Data.Common;
using CardActors.Grains.Outbox;
using CardActors.Storage.Sqlite;

namespace CardActors.Grains.Persistence;

/// <summary>
/// Writes outbox entries into the audit and search tables, all of one drain in one transaction.
/// Idempotent: an audit row is keyed by (source grain, source sequence) and a search row is only
/// replaced by a newer version, so an entry drained twice (after a crash) changes nothing.
/// </summary>
internal sealed class OutboxWriter(DomainDatabase database)
{
    private readonly Lock _clearsGate = new();

    /// <summary>Grains whose pending rows the queued shared write deletes; not empty exactly while that write is queued and has not run.</summary>
    private List<GrainId> _clears = [];

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

    private const string InsertPending = "INSERT INTO cardactors_outbox_pending (grain_type, grain_key, since) VALUES ($1, $2, $3) ON CONFLICT (grain_type, grain_key) DO NOTHING";

    private const string DeletePending = "DELETE FROM cardactors_outbox_pending WHERE grain_type = $1 AND grain_key = $2";

    private const string SelectPending = "SELECT 1 FROM cardactors_outbox_pending WHERE grain_type = $1 AND grain_key = $2";

    private const string InsertAudit = """
        INSERT INTO cardactors_audit (seq, at, operator, use_case, subject_type, subject_id, card_id, user_id, from_state, to_state, correlation_id, details, source_grain, source_seq, prev_hash, hash)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
        """;

    /// <summary>Locks the chain's head (<c>MATERIALIZED</c>: the lock is taken before the number is drawn, so numbers grow along the chain).</summary>
    private const string LockChainPostgres = """
        WITH head AS MATERIALIZED (SELECT last_hash FROM cardactors_audit_head WHERE id = $1 FOR UPDATE)
        SELECT nextval('cardactors_audit_seq'), last_hash FROM head
        """;

    /// <summary>The row and its chain's new head in one statement.</summary>
    private const string AppendAuditPostgres = """
        WITH appended AS (
            INSERT INTO cardactors_audit (seq, at, operator, use_case, subject_type, subject_id, card_id, user_id, from_state, to_state, correlation_id, details, source_grain, source_seq, prev_hash, hash, chain)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17))
        UPDATE cardactors_audit_head SET last_seq = $1, last_hash = $16 WHERE id = $17
        """;

    public Task MarkPendingAsync(GrainId grain, CancellationToken cancellationToken)
        => database.WriteAsync((connection, transaction) => PendingAsync(connection, transaction, grain, mark: true, cancellationToken), cancellationToken);

    public Task ClearPendingAsync(GrainId grain, CancellationToken cancellationToken)
        => database.WriteAsync((connection, transaction) => PendingAsync(connection, transaction, grain, mark: false, cancellationToken), cancellationToken);

    /// <summary>
    /// Deletes the grain's pending row in a write shared by every grain that asks before that write
    /// runs: the one queued by the first of them, which takes the list when it runs. Only on SQLite,
    /// whose one writer runs writes in the order they were queued (OutboxDrainer.ClearPendingInBackground).
    /// Answers the shared write's task to the grain that queued it, null to the others.
    /// </summary>
    public Task? ClearPendingSoon(GrainId grain)
    {
        lock (_clearsGate)
        {
            _clears.Add(grain);
            if (_clears.Count > 1)
            {
                return null;
            }
        }

        return database.WriteAsync(ClearQueuedAsync, CancellationToken.None);
    }

    private async Task ClearQueuedAsync(DbConnection connection, DbTransaction transaction)
    {
        List<GrainId> clears;
        lock (_clearsGate)
        {
            clears = _clears;
            _clears = [];
        }

        foreach (var grain in clears)
        {
            await PendingAsync(connection, transaction, grain, mark: false, CancellationToken.None);
        }
    }

    /// <summary>Whether a pending row names the grain: its outbox may hold entries not yet drained.</summary>
    public Task<bool> IsPendingAsync(GrainId grain, CancellationToken cancellationToken)
        => database.ReadAsync(async connection => await database.ScalarAsync(connection, null, SelectPending, cancellationToken, grain.Type.ToString(), grain.Key.ToString()) is not null, cancellationToken);

    /// <summary>Writes the entries; when <paramref name="clearPending"/>, also forgets that the grain has an outbox to drain.</summary>
    public Task WriteAsync(GrainId grain, IReadOnlyList<OutboxEntry> entries, bool clearPending, CancellationToken cancellationToken)
        => database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, grain, entries, markPending: false, clearPending, cancellationToken), cancellationToken);

    /// <summary>
    /// Offers the entries' rows, and marking or clearing the grain's pending row, to the grain's
    /// next state write, so that they commit in its transaction; null when the database cannot join
    /// it (PostgreSQL). See <see cref="SqliteStateCompanion"/>.
    /// </summary>
    public SqliteStateCompanion? JoinStateWrite(GrainId grain, IReadOnlyList<OutboxEntry> entries, bool markPending, bool clearPending)
        => database.JoinStateWrite((connection, transaction) => WriteAsync(connection, transaction, grain, entries, markPending, clearPending, CancellationToken.None));

    private async Task WriteAsync(DbConnection connection, DbTransaction transaction, GrainId grain, IReadOnlyList<OutboxEntry> entries, bool markPending, bool clearPending, CancellationToken cancellationToken)
    {
        if (markPending)
        {
            await PendingAsync(connection, transaction, grain, mark: true, cancellationToken);
        }

        var source = entries.Count > 0 ? grain.ToString() : string.Empty;
        var ordered = entries.OrderBy(e => e.Sequence).ToList();
        foreach (var entry in ordered)
        {
            if (entry.Card is { } card)
            {
                await database.ExecuteAsync(
                    connection, transaction, UpsertCard, cancellationToken,
                    card.Id, card.Kind.ToString(), card.CardType, card.State.ToString(), card.UserId, card.BatchId, card.StationId, card.Serial, card.JobId,
                    card.JobStatus?.ToString(), card.Version, DomainDatabase.Time(card.CreatedAt), DomainDatabase.Time(card.UpdatedAt),
                    SearchText(card.Id, card.UserId, card.Serial, card.CardType, card.BatchId, card.StationId));
            }

            if (entry.User is { } user)
            {
                await database.ExecuteAsync(
                    connection, transaction, UpsertUser, cancellationToken,
                    user.Id, user.DisplayName, user.Email, user.Department, user.State.ToString(), user.Version, DomainDatabase.Time(user.UpdatedAt),
                    SearchText(user.Id, user.DisplayName, user.Email, user.Department));
            }
        }

        if (clearPending)
        {
            await PendingAsync(connection, transaction, grain, mark: false, cancellationToken);
        }

        // The audit last: on PostgreSQL its chain's head is locked from the first append to the commit,
        // and every other drain of that chain waits for it (AuditChains).
        var audits = new List<(long Sequence, AuditRecord Audit)>();
        foreach (var entry in ordered)
        {
            if (entry.Audit is { } audit && await database.ScalarAsync(connection, transaction, "SELECT 1 FROM cardactors_audit WHERE source_grain = $1 AND source_seq = $2", cancellationToken, source, entry.Sequence) is null)
            {
                audits.Add((entry.Sequence, audit));
            }
        }

        if (audits.Count > 0)
        {
            await AppendAuditAsync(connection, transaction, source, audits, cancellationToken);
        }
    }

    private Task<int> PendingAsync(DbConnection connection, DbTransaction transaction, GrainId grain, bool mark, CancellationToken cancellationToken)
        => mark
            ? database.ExecuteAsync(connection, transaction, InsertPending, cancellationToken, grain.Type.ToString(), grain.Key.ToString(), DomainDatabase.Time(DateTimeOffset.UtcNow))
            : database.ExecuteAsync(connection, transaction, DeletePending, cancellationToken, grain.Type.ToString(), grain.Key.ToString());

    /// <summary>Appends the rows, in order, to the grain's chain; rows already appended were left out by the caller.</summary>
    private async Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, string source, List<(long Sequence, AuditRecord Audit)> audits, CancellationToken cancellationToken)
    {
        if (database.IsPostgres)
        {
            foreach (var (sourceSequence, audit) in audits)
            {
                await AppendAuditPostgresAsync(connection, transaction, source, sourceSequence, audit, cancellationToken);
            }

            return;
        }

        var (last, previousHash) = await database.SingleAsync(
            connection, transaction, "SELECT last_seq, last_hash FROM cardactors_audit_head WHERE id = 1", r => (r.GetInt64(0), r.GetString(1)), cancellationToken);
        foreach (var (sourceSequence, audit) in audits)
        {
            var sequence = ++last;
            var (at, hash) = Hash(previousHash, sequence, audit);
            await database.ExecuteAsync(
                connection, transaction, InsertAudit, cancellationToken,
                sequence, at, audit.Operator, audit.UseCase, audit.SubjectType, audit.SubjectId, audit.CardId, audit.UserId, audit.FromState, audit.ToState,
                audit.CorrelationId, audit.Details, source, sourceSequence, previousHash, hash);
            await database.ExecuteAsync(connection, transaction, "UPDATE cardactors_audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1", cancellationToken, sequence, hash);
            previousHash = hash;
        }
    }

    /// <summary>Appends to the grain's own chain (<see cref="AuditChains"/>): two statements under its head's lock, which the first append takes.</summary>
    private async Task AppendAuditPostgresAsync(DbConnection connection, DbTransaction transaction, string source, long sourceSequence, AuditRecord audit, CancellationToken cancellationToken)
    {
        var chain = AuditChains.Of(source);
        var (sequence, previousHash) = await database.SingleAsync(connection, transaction, LockChainPostgres, r => (r.GetInt64(0), r.GetString(1)), cancellationToken, chain);
        var (at, hash) = Hash(previousHash, sequence, audit);
        await database.ExecuteAsync(
            connection, transaction, AppendAuditPostgres, cancellationToken,
            sequence, at, audit.Operator, audit.UseCase, audit.SubjectType, audit.SubjectId, audit.CardId, audit.UserId, audit.FromState, audit.ToState,
            audit.CorrelationId, audit.Details, source, sourceSequence, previousHash, hash, chain);
    }

    /// <summary>The row's time as stored, and its hash in the chain.</summary>
    private static (string At, string Hash) Hash(string previousHash, long sequence, AuditRecord audit)
    {
        var at = DomainDatabase.Time(audit.At);
        return (at, AuditHash.Compute(previousHash, sequence, at, audit.Operator, audit.UseCase, audit.SubjectType, audit.SubjectId,
            audit.CardId, audit.UserId, audit.FromState, audit.ToState, audit.CorrelationId, audit.Details));
    }

    private static string SearchText(params string?[] parts)
        => string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p))).ToLowerInvariant();
}
