using CardActors.Runtime.Hosting;
using CardActors.Runtime.Persistence.AdoNet;

namespace CardActors.Runtime.Sqlite;

public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Keeps grain state (the default storage) and reminders in one SQLite file, e.g.
    /// <c>Data Source=/var/lib/cardactors/cardactors.db</c>. The file, and its directory, are
    /// created on first start. <c>Default Timeout</c> (seconds, 30 if unset) is also how long a
    /// writer waits for another one.
    /// </summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, string connectionString)
        => builder.UseSqliteStorage(GrainStorageNames.Default, connectionString, useForReminders: true);

    /// <summary>Keeps the grain state of the storage named <paramref name="name"/> in a SQLite file; reminders only when <paramref name="useForReminders"/>.</summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, string name, string connectionString, bool useForReminders = false)
    {
        SqliteDataSource.Parse(connectionString);
        return builder.AddAdoNetStorage(name, SqliteDialect.Instance, () => new SqliteDataSource(connectionString), useForReminders);
    }
}
