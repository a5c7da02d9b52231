using CardActors.Runtime.Hosting;
using CardActors.Runtime.Persistence.AdoNet;
using Npgsql;

namespace CardActors.Runtime.PostgreSql;

public static class PostgreSqlSiloBuilderExtensions
{
    // The storage runs five statements over and over: prepared once per physical connection,
    // each execution skips parsing and planning.
    private const int DefaultMaxAutoPrepare = 16;

    /// <summary>
    /// Keeps grain state (the default storage) and reminders in PostgreSQL, e.g.
    /// <c>Host=db;Database=cardactors;Username=cardactors;Password=…</c>. The tables are created
    /// in the connection's schema (<c>Search Path</c>) at silo start. Unless the connection string
    /// sets <c>Max Auto Prepare</c>, the storage's statements are prepared automatically.
    /// </summary>
    public static ISiloBuilder UsePostgreSqlStorage(this ISiloBuilder builder, string connectionString)
        => builder.UsePostgreSqlStorage(GrainStorageNames.Default, connectionString, useForReminders: true);

    /// <summary>Keeps the grain state of the storage named <paramref name="name"/> in PostgreSQL; reminders only when <paramref name="useForReminders"/>.</summary>
    public static ISiloBuilder UsePostgreSqlStorage(this ISiloBuilder builder, string name, string connectionString, bool useForReminders = false)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        // The data source is the storage's alone and its statements change no session state, so
        // there is nothing to reset when a connection goes back to the pool; the reset would
        // otherwise run several statements in front of every write.
        settings.NoResetOnClose = true;
        var storageConnectionString = settings.ConnectionString;
        return builder.AddAdoNetStorage(name, PostgreSqlDialect.Instance, () => NpgsqlDataSource.Create(storageConnectionString), useForReminders);
    }
}
