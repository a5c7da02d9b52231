using System.Data.Common;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>
/// Reminders in the table <c>cardactors_reminders</c>, keyed by (grain type, grain key, reminder
/// name). Times are stored as Unix milliseconds (UTC) on every database, so a reminder reads back
/// the same everywhere; finer parts of <see cref="ReminderEntry.DueAt"/> and
/// <see cref="ReminderEntry.Period"/> are dropped.
/// </summary>
public sealed class AdoNetReminderTable(DbDataSource dataSource, AdoNetDialect dialect) : IReminderTable
{
    private const string Columns = "grain_type, grain_key, reminder_name, due_at, period_ms";
    private const string ReadAllSql = $"SELECT {Columns} FROM cardactors_reminders";
    private const string ReadSql = $"{ReadAllSql} WHERE grain_type = $1 AND grain_key = $2";
    private const string UpsertSql = $"INSERT INTO cardactors_reminders ({Columns}) VALUES ($1, $2, $3, $4, $5) "
        + "ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms";
    private const string RemoveSql = "DELETE FROM cardactors_reminders WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3";

    public Task InitializeAsync(CancellationToken cancellationToken) => AdoNetSchemaMigrator.MigrateAsync(dataSource, dialect, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) => QueryAsync(ReadAllSql, null, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => QueryAsync(ReadSql, grainId, cancellationToken);

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero);
        await using var scope = await PooledCommandScope.OpenAsync(dataSource, cancellationToken);
        var command = GrainCommand(scope, UpsertSql, entry.GrainId);
        command.Set(dialect, 3, entry.Name);
        command.Set(dialect, 4, entry.DueAt.ToUnixTimeMilliseconds());
        command.Set(dialect, 5, entry.Period.Ticks / TimeSpan.TicksPerMillisecond);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        await using var scope = await PooledCommandScope.OpenAsync(dataSource, cancellationToken);
        var command = GrainCommand(scope, RemoveSql, grainId);
        command.Set(dialect, 3, name);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, GrainId? grainId, CancellationToken cancellationToken)
    {
        await using var scope = await PooledCommandScope.OpenAsync(dataSource, cancellationToken);
        var command = grainId is { } id ? GrainCommand(scope, sql, id) : scope.Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ReminderEntry(
                new GrainId(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                TimeSpan.FromMilliseconds(reader.GetInt64(4))));
        }

        return entries;
    }

    private DbCommand GrainCommand(CommandScope scope, string sql, GrainId grainId)
    {
        var command = scope.Command(sql);
        command.Set(dialect, 1, grainId.Type);
        command.Set(dialect, 2, grainId.Key);
        return command;
    }
}
