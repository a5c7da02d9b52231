using Npgsql;

namespace CardActors.Tests.Support;

/// <summary>Throwaway databases for tests: a SQLite file in a temp folder, or a fresh PostgreSQL database.</summary>
public static class TestDatabases
{
    public const string PostgresVariable = "CARDACTORS_TEST_POSTGRES";

    public const string PostgresSkipReason =
        $"PostgreSQL test skipped: {PostgresVariable} is not set (scripts/test.sh or scripts/with-postgres.sh sets it).";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>A connection string to a SQLite file that does not exist yet, in a new temp folder.</summary>
    public static string NewSqliteFile()
        => $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("cardactors-test-").FullName, "cardactors.db")}";

    /// <summary>Creates an empty database next to the one in <see cref="PostgresVariable"/> and returns its connection string.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var server = PostgresConnectionString ?? throw new InvalidOperationException(PostgresSkipReason);
        var name = $"cardactors_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
