using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// Orleans reminders in a SQLite file, on the same writer and reader threads as the grain storage.
/// <para>
/// Design: rows are keyed by (service id, grain id, reminder name). An ETag is a random 63-bit
/// number drawn at each upsert rather than a per-row counter: a reminder removed and created
/// again must not get back an ETag a stale caller still holds. Ring-range reads follow
/// <see cref="IReminderTable.ReadRows(uint, uint)"/>: (begin, end], wrapping when begin &gt;= end.
/// </para>
/// </summary>
public sealed partial class SqliteReminderTable : IReminderTable
{
    private readonly SqliteReminderTableOptions _options;
    private readonly string _serviceId;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private SqliteDatabase? _database;

    public SqliteReminderTable(IOptions<SqliteReminderTableOptions> options, IOptions<ClusterOptions> clusterOptions, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _serviceId = clusterOptions.Value.ServiceId;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SqliteReminderTable>();
    }

    private SqliteDatabase Database => _database ?? throw new InvalidOperationException("The SQLite reminder table is not started.");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_database is not null)
        {
            return;
        }

        var database = SqliteDatabase.Open(_options.ConnectionString, _options.Database, _loggerFactory);
        try
        {
            await database.MigrateAsync(SqliteReminderSchema.Component, SqliteReminderSchema.Migrations, cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        _database = database;
        LogStarted(_logger, database.FilePath, _serviceId);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _database, null) is { } database)
        {
            await database.DisposeAsync();
        }
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var grain = grainId.ToString();
        return Database.ReadAsync(connection =>
        {
            var command = SqliteCommandCache.Get(connection, SqliteReminderSchema.ReadByGrain).Set("$service", _serviceId).Set("$grain", grain);
            return new ReminderTableData(ReadEntries(command));
        });
    }

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
        => Database.ReadAsync(connection =>
        {
            var sql = begin < end ? SqliteReminderSchema.ReadInside : SqliteReminderSchema.ReadWrapping;
            var command = SqliteCommandCache.Get(connection, sql).Set("$service", _serviceId).Set("$begin", (long)begin).Set("$end", (long)end);
            return new ReminderTableData(ReadEntries(command));
        });

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var grain = grainId.ToString();
        return Database.ReadAsync(connection =>
        {
            var command = SqliteCommandCache.Get(connection, SqliteReminderSchema.ReadOne).Set("$service", _serviceId).Set("$grain", grain).Set("$name", reminderName);
            return ReadEntries(command).FirstOrDefault();
        });
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var grain = entry.GrainId.ToString();
        var hash = (long)entry.GrainId.GetUniformHashCode();
        var start = ToUtc(entry.StartAt).Ticks;
        var period = entry.Period.Ticks;
        var etag = Random.Shared.NextInt64(1, long.MaxValue);
        await Database.WriteAsync((connection, transaction) =>
        {
            SqliteCommandCache.Get(connection, SqliteReminderSchema.Upsert, transaction)
                .Set("$service", _serviceId).Set("$grain", grain).Set("$name", entry.ReminderName)
                .Set("$hash", hash).Set("$start", start).Set("$period", period).Set("$etag", etag)
                .ExecuteNonQuery();
        });
        return FormatETag(etag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var etag))
        {
            return Task.FromResult(false);
        }

        var grain = grainId.ToString();
        return Database.WriteAsync((connection, transaction) =>
            SqliteCommandCache.Get(connection, SqliteReminderSchema.Delete, transaction)
                .Set("$service", _serviceId).Set("$grain", grain).Set("$name", reminderName).Set("$etag", etag)
                .ExecuteNonQuery() > 0);
    }

    public Task TestOnlyClearTable()
        => Database.WriteAsync((connection, transaction) =>
        {
            SqliteCommandCache.Get(connection, SqliteReminderSchema.DeleteAll, transaction).Set("$service", _serviceId).ExecuteNonQuery();
        });

    private static List<ReminderEntry> ReadEntries(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = FormatETag(reader.GetInt64(4)),
            });
        }

        return entries;
    }

    // Orleans computes StartAt from DateTime.UtcNow; a local time is converted, an unspecified one taken as UTC.
    private static DateTime ToUtc(DateTime time) => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;

    private static string FormatETag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite reminder table uses {FilePath} for service {ServiceId}.")]
    private static partial void LogStarted(ILogger logger, string filePath, string serviceId);
}
