using CardActors.Grains.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CardActors.Silo;

/// <summary>Where the silo keeps grain state, reminders and the domain's tables: section <c>CardActors:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CardActors:Storage";

    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The folder of the SQLite file; relative paths are relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Required for PostgreSQL (an Npgsql connection string); optional for SQLite, where it overrides the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite's <c>synchronous</c> setting: <c>Full</c> (the default) makes every acknowledged write
    /// survive a power loss; <c>Normal</c> is several times faster but may lose the last commits then.
    /// </summary>
    public string SqliteSynchronous { get; set; } = nameof(Storage.Sqlite.SqliteSynchronous.Full);

    public Storage.Sqlite.SqliteSynchronous ParsedSqliteSynchronous => Enum.Parse<Storage.Sqlite.SqliteSynchronous>(SqliteSynchronous, ignoreCase: true);

    public StorageProvider ParsedProvider => Enum.Parse<StorageProvider>(Provider, ignoreCase: true);

    /// <summary>The domain's audit, search and outbox tables live in the same database.</summary>
    public DomainDatabaseProvider DomainProvider => ParsedProvider == StorageProvider.PostgreSql ? DomainDatabaseProvider.PostgreSql : DomainDatabaseProvider.Sqlite;

    /// <summary>The SQLite connection string, or the configured PostgreSQL one.</summary>
    public string ResolveConnectionString() => ParsedProvider switch
    {
        StorageProvider.Sqlite => ConnectionString ?? $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, "cardactors.db"))}",
        _ => ConnectionString ?? "",
    };

    private static string? ConnectionStringProblem(StorageProvider provider, string connectionString)
    {
        try
        {
            switch (provider)
            {
                case StorageProvider.Sqlite:
                    var sqlite = new SqliteConnectionStringBuilder(connectionString);
                    return string.IsNullOrEmpty(sqlite.DataSource) || sqlite.DataSource == ":memory:" || sqlite.Mode == SqliteOpenMode.Memory
                        ? "it must name a database file (Data Source=...)."
                        : null;
                default:
                    _ = new NpgsqlConnectionStringBuilder(connectionString);
                    return null;
            }
        }
        catch (ArgumentException exception)
        {
            // The builders name the keyword they did not understand, never the password.
            return exception.Message;
        }
    }

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IEnumerable<string> Validate()
    {
        if (!Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var provider) || !Enum.IsDefined(provider))
        {
            yield return $"{SectionName}:Provider must be one of {string.Join(", ", Enum.GetNames<StorageProvider>())}, not '{Provider}'.";
            yield break;
        }

        if (provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{SectionName}:ConnectionString is required when {SectionName}:Provider is PostgreSql.";
        }
        else if (ConnectionString is not null && ConnectionStringProblem(provider, ConnectionString) is { } problem)
        {
            yield return $"{SectionName}:ConnectionString is not usable: {problem}";
        }

        if (!Enum.TryParse<Storage.Sqlite.SqliteSynchronous>(SqliteSynchronous, ignoreCase: true, out var synchronous) || !Enum.IsDefined(synchronous))
        {
            yield return $"{SectionName}:SqliteSynchronous must be one of {string.Join(", ", Enum.GetNames<Storage.Sqlite.SqliteSynchronous>())}, not '{SqliteSynchronous}'.";
        }

        if (provider == StorageProvider.Sqlite && ConnectionString is null && string.IsNullOrWhiteSpace(DataDirectory))
        {
            yield return $"{SectionName}:DataDirectory must name a folder for the SQLite file.";
        }
    }
}
