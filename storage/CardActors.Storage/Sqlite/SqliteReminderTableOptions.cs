namespace CardActors.Storage.Sqlite;

/// <summary>Where <see cref="SqliteReminderTable"/> keeps reminders; usually the grain storage's file.</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>The database file, e.g. <c>Data Source=/var/lib/cardactors/cardactors.db</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Durability and threads of the file; the first user of a file in the process decides them.</summary>
    public SqliteDatabaseOptions Database { get; set; } = new();
}
