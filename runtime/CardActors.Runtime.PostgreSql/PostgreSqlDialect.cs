using CardActors.Runtime.Persistence.AdoNet;

namespace CardActors.Runtime.PostgreSql;

internal sealed class PostgreSqlDialect : AdoNetDialect
{
    public static PostgreSqlDialect Instance { get; } = new();

    private PostgreSqlDialect() { }

    public override string CurrentTimeSql => "now()";

    public override string CreateSchemaVersionTableSql =>
        "CREATE TABLE IF NOT EXISTS cardactors_schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)";

    // Two silos creating the same tables at once would collide on the catalog (duplicate key in
    // pg_type), and CREATE TABLE takes no lock on a table that does not exist yet. A transaction
    // advisory lock ends with the transaction, so a killed migrator cannot leave it held.
    // The key is "CardActs" in ASCII; it is per database, so schemas of one database take turns.
    public override string? MigrationLockSql => "SELECT pg_advisory_xact_lock(4855287648201438323)";

    public override IReadOnlyList<AdoNetMigration> Migrations { get; } =
    [
        // bytea, not jsonb: the payload is written far more often than it is queried, and jsonb
        // would parse and re-encode every write. fillfactor leaves room on each page so an
        // update can stay on its page (a HOT update) without touching the primary key index.
        new(1, "grain state", """
            CREATE TABLE cardactors_grain_state (
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                state_name text NOT NULL,
                payload bytea NULL,
                state_version integer NOT NULL,
                etag bigint NOT NULL,
                modified_at timestamptz NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITH (fillfactor = 90)
            """),
        new(2, "reminders", """
            CREATE TABLE cardactors_reminders (
                grain_type text NOT NULL,
                grain_key text NOT NULL,
                reminder_name text NOT NULL,
                due_at bigint NOT NULL,
                period_ms bigint NOT NULL,
                PRIMARY KEY (grain_type, grain_key, reminder_name)
            )
            """),
    ];

    // Unnamed parameters bind to $1, $2, … in order, and Npgsql then sends the statement as it
    // is instead of rewriting named placeholders on every execution.
    public override string ParameterName(int position) => string.Empty;
}
