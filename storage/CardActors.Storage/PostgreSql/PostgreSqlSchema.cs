using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CardActors.Storage.PostgreSql;

/// <summary>
/// Creates and migrates the PostgreSQL schema that Orleans' ADO.NET clustering, reminders and
/// grain storage need (<see cref="PostgreSqlMigrations"/>).
/// <para>
/// Design: each migration runs in one transaction and is recorded in <c>cardactors_schema_migrations</c>
/// (component "orleans"). The transaction first takes a transaction-level advisory lock, so silos
/// starting together queue up: the first applies the migrations, the others then find them
/// recorded and do nothing. A database migrated by newer code (a version above ours) is refused.
/// </para>
/// </summary>
public static partial class PostgreSqlSchema
{
    /// <summary>The component our migrations are recorded under.</summary>
    public const string Component = "orleans";

    // Any constant unique to us: the first 8 bytes of "CardActo" ("rs schema").
    private const long AdvisoryLockKey = 0x43617264_4163746F;

    /// <summary>Brings the database of <paramref name="connectionString"/> up to date.</summary>
    public static async Task EnsureAsync(string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await EnsureAsync(dataSource, logger, cancellationToken);
    }

    /// <summary>Brings the database of <paramref name="dataSource"/> up to date.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        logger ??= NullLogger.Instance;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var migrations = PostgreSqlMigrations.All;
        for (var index = 0; index < migrations.Count; index++)
        {
            var migration = migrations[index];
            if (migration.Version != index + 1)
            {
                throw new InvalidOperationException("Our PostgreSQL migrations must be numbered 1, 2, 3, … without gaps.");
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var applied = await LockAndReadVersionAsync(connection, transaction, cancellationToken);
            if (applied > migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database has schema version {applied} of '{Component}', newer than this code's {migrations.Count}: a newer version of the application has used it.");
            }

            if (applied >= migration.Version)
            {
                continue;
            }

            await using (var step = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await step.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                "INSERT INTO cardactors_schema_migrations (component, version, description) VALUES ($1, $2, $3)", connection, transaction))
            {
                record.Parameters.Add(new() { Value = Component });
                record.Parameters.Add(new() { Value = migration.Version });
                record.Parameters.Add(new() { Value = migration.Description });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Description);
        }
    }

    /// <summary>The highest version of ours recorded in the database, 0 for none.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return await LockAndReadVersionAsync(connection, transaction, cancellationToken);
    }

    // The lock comes before CREATE TABLE IF NOT EXISTS: two sessions creating the same table at
    // once can both pass the IF NOT EXISTS check, and one then fails on the catalog's unique index.
    private static async Task<int> LockAndReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var setUp = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({AdvisoryLockKey});
            CREATE TABLE IF NOT EXISTS cardactors_schema_migrations (
                component text NOT NULL,
                version integer NOT NULL,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (component, version));
            """,
            connection,
            transaction))
        {
            await setUp.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM cardactors_schema_migrations WHERE component = $1", connection, transaction);
        read.Parameters.Add(new() { Value = Component });
        return (int)(await read.ExecuteScalarAsync(cancellationToken) ?? 0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied PostgreSQL schema migration {Version}: {Description}.")]
    private static partial void LogApplied(ILogger logger, int version, string description);
}
