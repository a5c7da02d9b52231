using System.Data.Common;
using CardActors.Runtime.Persistence.AdoNet;

namespace CardActors.Runtime.Sqlite;

internal sealed class SqliteDialect : AdoNetDialect
{
    public static SqliteDialect Instance { get; } = new();

    // Enough for the widest statement; kept so binding a parameter allocates no name.
    private static readonly string[] s_parameterNames = [.. Enumerable.Range(0, 10).Select(i => "$" + i)];

    private SqliteDialect() { }

    // ISO-8601 text: SQLite has no date type, and text reads well in the sqlite3 shell.
    public override string CurrentTimeSql => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public override string CreateSchemaVersionTableSql =>
        "CREATE TABLE IF NOT EXISTS cardactors_schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";

    // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, which takes the database's
    // write lock at once; a second process waits for it (busy timeout) and then sees our work.
    public override string? MigrationLockSql => null;

    // SQLite has one write lock per file: queue for it in-process and keep statements prepared.
    public override SemaphoreSlim? WriteQueue(DbDataSource dataSource) => SqliteWriteQueue.For(dataSource.ConnectionString);

    public override IReadOnlyList<AdoNetMigration> Migrations { get; } =
    [
        new(1, "grain state", """
            CREATE TABLE cardactors_grain_state (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                state_name TEXT NOT NULL,
                payload BLOB NULL,
                state_version INTEGER NOT NULL,
                etag INTEGER NOT NULL,
                modified_at TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name))
            """),
        // Small rows looked up by their key only: WITHOUT ROWID keeps one b-tree instead of two.
        new(2, "reminders", """
            CREATE TABLE cardactors_reminders (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                reminder_name TEXT NOT NULL,
                due_at INTEGER NOT NULL,
                period_ms INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key, reminder_name)) WITHOUT ROWID
            """),
    ];

    // SQLite reads $1 as a parameter named "$1"; Microsoft.Data.Sqlite binds parameters by name.
    public override string ParameterName(int position) => s_parameterNames[position];
}
