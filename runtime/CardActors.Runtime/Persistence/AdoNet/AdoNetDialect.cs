using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>
/// What differs between the databases the ADO.NET storage runs on. The statements themselves are
/// shared, since SQLite (3.35+) and PostgreSQL both speak <c>INSERT … ON CONFLICT … RETURNING</c>;
/// a dialect supplies the schema, the clock, the parameter names and the migration lock.
/// </summary>
public abstract class AdoNetDialect
{
    /// <summary>An SQL expression for "now" in the type of the <c>modified_at</c> and <c>applied_at</c> columns.</summary>
    public abstract string CurrentTimeSql { get; }

    /// <summary>
    /// Creates <c>cardactors_schema_version (version, description, applied_at)</c> if it is missing.
    /// It runs inside the migration transaction, after <see cref="MigrationLockSql"/>.
    /// </summary>
    public abstract string CreateSchemaVersionTableSql { get; }

    /// <summary>
    /// Run first in the migration transaction so that two processes starting at once migrate one
    /// after the other; null when beginning the transaction already shuts out other writers.
    /// </summary>
    public abstract string? MigrationLockSql { get; }

    /// <summary>The schema changes, oldest first. A version, once shipped, never changes.</summary>
    public abstract IReadOnlyList<AdoNetMigration> Migrations { get; }

    /// <summary>
    /// For a database that lets one writer in at a time anyway (SQLite): the in-process queue of
    /// every writer to that database, shared with any other code that writes to it. Grain state
    /// reads and writes then take turns in it on one shared connection whose statements stay prepared. The
    /// provider must accept <see cref="System.Data.Common.DbCommand.Prepare"/> before parameters
    /// are added, as Microsoft.Data.Sqlite does. Null (the default): writers run concurrently.
    /// </summary>
    public virtual SemaphoreSlim? WriteQueue(DbDataSource dataSource) => null;

    /// <summary>
    /// Statements are written with the placeholders <c>$1</c>, <c>$2</c>, …; this is the
    /// <see cref="System.Data.Common.DbParameter.ParameterName"/> the provider binds to <c>$position</c>.
    /// </summary>
    public abstract string ParameterName(int position);
}
