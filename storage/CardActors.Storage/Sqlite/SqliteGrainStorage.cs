using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CardActors.Storage.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CardActors.Storage.Sqlite;

/// <summary>
/// Grain state in a SQLite file, one row per (grain type, grain key, state name).
/// <para>
/// Design: every statement runs on the file's <see cref="SqliteDatabase"/> threads, never on the
/// grain's: writes are group-committed by the writer thread, reads run on a reader thread, and
/// (de)serialization runs in the grain's turn. ETags are the row's version, an integer that only
/// grows; a cleared state keeps its row as a tombstone with a null payload so that an ETag from
/// before the clear never matches again. Any ETag mismatch throws <see cref="InconsistentStateException"/>
/// and changes nothing.
/// </para>
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, IOutdatedStateFinder, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly SqliteGrainStorageOptions _options;
    private readonly IActivatorProvider _activatorProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private SqliteDatabase? _database;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IActivatorProvider activatorProvider, ILoggerFactory loggerFactory)
    {
        _name = name;
        _options = options;
        _activatorProvider = activatorProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SqliteGrainStorage>();
    }

    /// <summary>The factory <c>AddGrainStorage</c> calls: named options, the silo's services.</summary>
    public static SqliteGrainStorage Create(IServiceProvider services, string name)
        => ActivatorUtilities.CreateInstance<SqliteGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name));

    /// <summary>The full path of the file the state is kept in.</summary>
    public string FilePath => SqliteDatabase.FilePathOf(_options.ConnectionString);

    private SqliteDatabase Database => _database ?? throw new InvalidOperationException($"The SQLite grain storage '{_name}' is not started.");

    private IGrainStorageSerializer Serializer => _options.GrainStorageSerializer;

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), _options.InitStage, StartAsync, StopAsync);

    /// <summary>Opens the file and creates or migrates the table. The silo lifecycle calls it; tests may call it directly.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_database is not null)
        {
            return;
        }

        var database = SqliteDatabase.Open(_options.ConnectionString, _options.Database, _loggerFactory);
        try
        {
            await database.MigrateAsync(SqliteGrainStorageSchema.Component, SqliteGrainStorageSchema.Migrations, cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        _database = database;
        LogStarted(_logger, _name, database.FilePath, database.Options.Synchronous);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _database, null) is { } database)
        {
            await database.DisposeAsync();
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = new RowKey(grainId, stateName);
        StoredRow? row;
        try
        {
            row = await Database.ReadAsync(connection => ReadRow(connection, key), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReadFailed(_logger, exception, _name, grainId, stateName);
            throw;
        }

        if (row?.Payload is { } payload)
        {
            grainState.State = Serializer.Deserialize<T>(new BinaryData(payload)) ?? CreateState<T>();
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = CreateState<T>();
            grainState.RecordExists = false;
        }

        grainState.ETag = row is null ? null : FormatETag(row.ETag);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = new RowKey(grainId, stateName);
        var expected = ParseETag(key, grainState.ETag);
        var payload = Serializer.Serialize(grainState.State).ToArray();
        var companion = SqliteStateCompanion.Take(Database.FilePath);
        var etag = await RunWriteAsync(key, grainState.ETag, (connection, transaction) =>
        {
            var written = Write(connection, transaction, key, payload, expected);
            companion?.Invoke(connection, transaction);
            return written;
        }, cancellationToken);
        grainState.ETag = FormatETag(etag);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        => ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var key = new RowKey(grainId, stateName);
        var expected = ParseETag(key, grainState.ETag);
        var etag = await RunWriteAsync(key, grainState.ETag, (connection, transaction) => Clear(connection, transaction, key, expected), cancellationToken);
        grainState.ETag = etag is { } value ? FormatETag(value) : null;
        grainState.RecordExists = false;
        grainState.State = CreateState<T>();
    }

    public async IAsyncEnumerable<GrainId> FindAsync(GrainType grainType, string stateName, int currentVersion, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int PageSize = 500;
        var type = grainType.ToString()!;
        var after = "";
        while (true)
        {
            var page = await Database.ReadAsync(connection =>
            {
                var select = SqliteCommandCache.Get(connection, SqliteGrainStorageSchema.Outdated);
                select.Set("$type", type).Set("$state", stateName).Set("$after", after).Set("$version", currentVersion).Set("$limit", PageSize);
                using var reader = select.ExecuteReader();
                var keys = new List<string>(PageSize);
                while (reader.Read())
                {
                    keys.Add(reader.GetString(0));
                }

                return keys;
            }, cancellationToken);

            foreach (var key in page)
            {
                yield return GrainId.Create(grainType, IdSpan.Create(key));
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private async Task<TResult> RunWriteAsync<TResult>(RowKey key, string? etag, Func<SqliteConnection, SqliteTransaction, TResult> write, CancellationToken cancellationToken)
    {
        try
        {
            return await Database.WriteAsync(write, cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            LogConflict(_logger, _name, key.GrainType, key.GrainKey, key.StateName, etag, exception.StoredEtag);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWriteFailed(_logger, exception, _name, key.GrainType, key.GrainKey, key.StateName);
            throw;
        }
    }

    private static StoredRow? ReadRow(SqliteConnection connection, RowKey key)
    {
        var command = SqliteCommandCache.Get(connection, SqliteGrainStorageSchema.Read);
        key.Bind(command);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredRow(reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.GetInt64(1)) : null;
    }

    private static long Write(SqliteConnection connection, SqliteTransaction transaction, RowKey key, byte[] payload, long? expected)
    {
        if (expected is null)
        {
            var insert = SqliteCommandCache.Get(connection, SqliteGrainStorageSchema.Insert, transaction);
            key.Bind(insert).Set("$payload", payload);
            return insert.ExecuteNonQuery() == 1 ? 1 : throw Conflict(connection, transaction, key, expected);
        }

        return Update(connection, transaction, key, payload, expected.Value) ?? throw Conflict(connection, transaction, key, expected);
    }

    // Clearing a state that was never written (no ETag) is a no-op if there is still no row.
    private static long? Clear(SqliteConnection connection, SqliteTransaction transaction, RowKey key, long? expected)
    {
        if (expected is null)
        {
            return CurrentETag(connection, transaction, key) is null ? null : throw Conflict(connection, transaction, key, expected);
        }

        return Update(connection, transaction, key, null, expected.Value) ?? throw Conflict(connection, transaction, key, expected);
    }

    private static long? Update(SqliteConnection connection, SqliteTransaction transaction, RowKey key, byte[]? payload, long expected)
    {
        var update = SqliteCommandCache.Get(connection, SqliteGrainStorageSchema.Update, transaction);
        key.Bind(update).Set("$payload", payload).Set("$etag", expected);
        using var reader = update.ExecuteReader();
        return reader.Read() ? reader.GetInt64(0) : null;
    }

    private static long? CurrentETag(SqliteConnection connection, SqliteTransaction transaction, RowKey key)
    {
        var select = SqliteCommandCache.Get(connection, SqliteGrainStorageSchema.CurrentETag, transaction);
        return key.Bind(select).ExecuteScalar() is long etag ? etag : null;
    }

    private static InconsistentStateException Conflict(SqliteConnection connection, SqliteTransaction transaction, RowKey key, long? expected)
    {
        var current = CurrentETag(connection, transaction, key);
        var stored = current is { } value ? FormatETag(value) : null;
        var given = expected is { } e ? FormatETag(e) : null;
        return new InconsistentStateException(
            $"The stored state {key} has ETag '{stored ?? "none"}', the grain's is '{given ?? "none"}'.", stored, given);
    }

    private static long? ParseETag(RowKey key, string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }

        // An ETag we never issued cannot match any row.
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InconsistentStateException($"The ETag '{etag}' of {key} was not issued by the SQLite grain storage.", null, etag);
    }

    private static string FormatETag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    private T CreateState<T>() => _activatorProvider.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage '{Name}' uses {FilePath} (synchronous={Synchronous}).")]
    private static partial void LogStarted(ILogger logger, string name, string filePath, SqliteSynchronous synchronous);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain storage '{Name}' could not read state '{StateName}' of {GrainId}.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string name, GrainId grainId, string stateName);

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain storage '{Name}' could not write state '{StateName}' of {GrainType}/{GrainKey}.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string name, string grainType, string grainKey, string stateName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage '{Name}': ETag conflict on state '{StateName}' of {GrainType}/{GrainKey}: the grain had '{ETag}', the row has '{StoredETag}'.")]
    private static partial void LogConflict(ILogger logger, string name, string grainType, string grainKey, string stateName, string? etag, string? storedETag);

    private sealed record StoredRow(byte[]? Payload, long ETag);

    /// <summary>A row's primary key, taken apart from the grain id once.</summary>
    private readonly record struct RowKey(string GrainType, string GrainKey, string StateName)
    {
        public RowKey(GrainId grainId, string stateName) : this(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName) { }

        public SqliteCommand Bind(SqliteCommand command)
            => command.Set("$type", GrainType).Set("$key", GrainKey).Set("$state", StateName);

        public override string ToString() => $"{GrainType}/{GrainKey}#{StateName}";
    }
}
