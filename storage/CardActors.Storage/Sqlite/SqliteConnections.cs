using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CardActors.Storage.Sqlite;

/// <summary>Opens the long-lived connections of the writer and the readers, each set up once.</summary>
internal static class SqliteConnections
{
    /// <summary>The connection string of a file, without pooling: our threads keep their connections open for their whole life.</summary>
    public static string ForFile(string filePath) => new SqliteConnectionStringBuilder
    {
        DataSource = filePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
        Cache = SqliteCacheMode.Private,
    }.ToString();

    public static SqliteConnection OpenWriter(string filePath, SqliteDatabaseOptions options)
    {
        var directory = Path.GetDirectoryName(filePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var synchronous = options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        return Open(filePath, string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous};"));
    }

    // query_only: a read function that tries to write fails instead of racing the writer for the lock.
    public static SqliteConnection OpenReader(string filePath, SqliteDatabaseOptions options)
        => Open(filePath, string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA query_only = ON;"));

    private static SqliteConnection Open(string filePath, string setUp)
    {
        var connection = new SqliteConnection(ForFile(filePath));
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = setUp;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
