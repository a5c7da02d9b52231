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

    // Reminder rows are written rarely, but to the same database as grain state: on SQLite they
    // must wait in the same queue, or they meet the state writers in SQLite's sleeping busy handler.
    private readonly SemaphoreSlim? _writeQueue = dialect.WriteQueue(dataSource);

    public Task InitializeAsync(CancellationToken cancellationToken) => AdoNetSchemaMigrator.MigrateAsync(dataSource, dialect, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) => QueryAsync(ReadAllSql, null, cancellationToken);

    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken) => QueryAsync(ReadSql, grainId, cancellationToken);

    public async Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero);
        await WriteAsync(UpsertSql, entry.GrainId, entry.Name, command =>
        {
            command.Set(dialect, 4, entry.DueAt.ToUnixTimeMilliseconds());
            command.Set(dialect, 5, entry.Period.Ticks / TimeSpan.TicksPerMillisecond);
        }, cancellationToken);
    }

    public async Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
        => await WriteAsync(RemoveSql, grainId, name, static _ => { }, cancellationToken) > 0;

    private async Task<int> WriteAsync(string sql, GrainId grainId, string name, Action<DbCommand> setValues, CancellationToken cancellationToken)
    {
        if (_writeQueue is not null)
        {
            await _writeQueue.WaitAsync(cancellationToken);
        }

        try
        {
            await using var scope = await PooledCommandScope.OpenAsync(dataSource, cancellationToken);
            var command = GrainCommand(scope, sql, grainId);
            command.Set(dialect, 3, name);
            setValues(command);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeQueue?.Release();
        }
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
