using System.Data.Common;
using System.Globalization;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>
/// Brings the schema up to the dialect's newest migration. Everything happens in one transaction
/// behind the dialect's lock, so a process that starts while another migrates waits, then finds
/// the work done; a failed migration leaves the schema as it was.
/// </summary>
internal static class AdoNetSchemaMigrator
{
    public static async Task MigrateAsync(DbDataSource dataSource, AdoNetDialect dialect, CancellationToken cancellationToken)
    {
        var migrations = dialect.Migrations;
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version <= migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"{dialect.GetType().Name}: migration {migrations[i].Version} is listed after {migrations[i - 1].Version}; versions must increase.");
            }
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (dialect.MigrationLockSql is { } lockSql)
        {
            await ExecuteAsync(transaction, dialect, lockSql, cancellationToken);
        }

        await ExecuteAsync(transaction, dialect, dialect.CreateSchemaVersionTableSql, cancellationToken);
        await using var readVersion = CreateCommand(transaction, dialect, "SELECT COALESCE(MAX(version), 0) FROM cardactors_schema_version");
        var current = Convert.ToInt32(await readVersion.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        // A newer version than we know means a newer silo migrated first; during a rolling
        // upgrade old and new silos share the schema, so leave it alone.
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            await ExecuteAsync(transaction, dialect, migration.Sql, cancellationToken);
            await ExecuteAsync(
                transaction,
                dialect,
                $"INSERT INTO cardactors_schema_version (version, description, applied_at) VALUES ($1, $2, {dialect.CurrentTimeSql})",
                cancellationToken,
                migration.Version,
                migration.Description);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbTransaction transaction, AdoNetDialect dialect, string sql, CancellationToken cancellationToken, params object[] arguments)
    {
        await using var command = CreateCommand(transaction, dialect, sql, arguments);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand CreateCommand(DbTransaction transaction, AdoNetDialect dialect, string sql, params object[] arguments)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < arguments.Length; i++)
        {
            command.Set(dialect, i + 1, arguments[i]);
        }

        return command;
    }
}
