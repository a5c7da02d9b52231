using System.Data.Common;
using System.Globalization;

namespace CardActors.Grains.Persistence;

/// <summary>
/// Creates and migrates the domain's tables at start, in one transaction (behind an advisory lock
/// on PostgreSQL; SQLite's write lock does the same), recorded in <c>cardactors_domain_schema</c>.
/// A shipped migration never changes; add a new one.
/// </summary>
internal static class DomainSchema
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The audit chains on PostgreSQL (heads 1 to this); SQLite keeps one (see <see cref="AuditChains"/>).</summary>
    public const int PostgresAuditChains = 16;

    private static readonly (int Version, string Description, string[] Statements, string[] PostgresStatements)[] s_migrations =
    [
        (1, "audit, search, outbox", [
            """
            CREATE TABLE cardactors_audit (
                seq BIGINT NOT NULL PRIMARY KEY,
                at TEXT NOT NULL,
                operator TEXT NOT NULL,
                use_case TEXT NOT NULL,
                subject_type TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                card_id TEXT NULL,
                user_id TEXT NULL,
                from_state TEXT NULL,
                to_state TEXT NULL,
                correlation_id TEXT NULL,
                details TEXT NULL,
                source_grain TEXT NOT NULL,
                source_seq BIGINT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                UNIQUE (source_grain, source_seq))
            """,
            "CREATE INDEX ix_cardactors_audit_card ON cardactors_audit (card_id, seq)",
            "CREATE INDEX ix_cardactors_audit_user ON cardactors_audit (user_id, seq)",
            "CREATE TABLE cardactors_audit_head (id INTEGER NOT NULL PRIMARY KEY, last_seq BIGINT NOT NULL, last_hash TEXT NOT NULL)",
            $"INSERT INTO cardactors_audit_head (id, last_seq, last_hash) VALUES (1, 0, '{GenesisHash}')",
            """
            CREATE TABLE cardactors_card_search (
                card_id TEXT NOT NULL PRIMARY KEY,
                kind TEXT NOT NULL,
                card_type TEXT NOT NULL,
                state TEXT NOT NULL,
                user_id TEXT NULL,
                batch_id TEXT NULL,
                station_id TEXT NULL,
                serial TEXT NULL,
                job_id TEXT NULL,
                job_status TEXT NULL,
                version BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                search_text TEXT NOT NULL)
            """,
            "CREATE INDEX ix_cardactors_card_search_state ON cardactors_card_search (state, updated_at)",
            "CREATE INDEX ix_cardactors_card_search_user ON cardactors_card_search (user_id)",
            "CREATE INDEX ix_cardactors_card_search_batch ON cardactors_card_search (batch_id)",
            "CREATE INDEX ix_cardactors_card_search_station ON cardactors_card_search (station_id)",
            "CREATE INDEX ix_cardactors_card_search_type ON cardactors_card_search (card_type)",
            """
            CREATE TABLE cardactors_user_search (
                user_id TEXT NOT NULL PRIMARY KEY,
                display_name TEXT NOT NULL,
                email TEXT NULL,
                department TEXT NULL,
                state TEXT NOT NULL,
                version BIGINT NOT NULL,
                updated_at TEXT NOT NULL,
                search_text TEXT NOT NULL)
            """,
            """
            CREATE TABLE cardactors_outbox_pending (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                since TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key))
            """,
        ], []),
        (2, "audit chains", [
            // Rows written before belong to chain 1, whose head is the one head there was.
            "ALTER TABLE cardactors_audit ADD COLUMN chain INTEGER NOT NULL DEFAULT 1",
            "CREATE INDEX ix_cardactors_audit_chain ON cardactors_audit (chain, seq)",
        ], [
            $"INSERT INTO cardactors_audit_head (id, last_seq, last_hash) SELECT g, 0, '{GenesisHash}' FROM generate_series(2, {PostgresAuditChains}) AS g",
            "CREATE SEQUENCE cardactors_audit_seq",
            "SELECT setval('cardactors_audit_seq', (SELECT COALESCE(MAX(seq), 0) + 1 FROM cardactors_audit), false)",
        ]),
    ];

    public static Task MigrateAsync(DomainDatabase database, CancellationToken cancellationToken)
        => database.WriteAsync((connection, transaction) => MigrateAsync(database, connection, transaction, cancellationToken), cancellationToken);

    private static async Task MigrateAsync(DomainDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.IsPostgres)
        {
            await using var lockCommand = database.Command(connection, transaction, "SELECT pg_advisory_xact_lock(734221)");
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = database.Command(connection, transaction, "CREATE TABLE IF NOT EXISTS cardactors_domain_schema (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = database.Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM cardactors_domain_schema");
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        foreach (var (version, description, statements, postgresStatements) in s_migrations.Where(m => m.Version > current))
        {
            foreach (var statement in database.IsPostgres ? statements.Concat(postgresStatements) : statements)
            {
                await using var command = database.Command(connection, transaction, statement);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = database.Command(
                connection, transaction, "INSERT INTO cardactors_domain_schema (version, description, applied_at) VALUES ($1, $2, $3)",
                version, description, DomainDatabase.Time(DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
