using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CardActors.Runtime.Persistence.AdoNet;

/// <summary>
/// Grain state in the table <c>cardactors_grain_state</c>, keyed by (grain type, grain key, state
/// name). The ETag is the row's <c>etag</c> counter, raised by every write and clear; rows are never
/// deleted, so a counter value is never reused for a key. Each operation is one statement: the
/// ETag check and the change happen together, and only a rejected change costs a second query,
/// to say in the exception what is stored instead.
/// </summary>
public sealed class AdoNetGrainStorage : IGrainStorage, IDisposable
{
    private const string KeyMatches = "grain_type = $1 AND grain_key = $2 AND state_name = $3";

    private readonly DbDataSource _dataSource;
    private readonly AdoNetDialect _dialect;
    private readonly SharedWriteConnection? _writer;
    private readonly string _read;
    private readonly string _readETag;
    private readonly string _insert;
    private readonly string _update;
    private readonly string _clear;

    public AdoNetGrainStorage(DbDataSource dataSource, AdoNetDialect dialect)
    {
        _dataSource = dataSource;
        _dialect = dialect;
        _writer = dialect.WriteQueue(dataSource) is { } queue ? new SharedWriteConnection(dataSource, queue) : null;
        var now = dialect.CurrentTimeSql;
        _read = $"SELECT payload, state_version, etag FROM cardactors_grain_state WHERE {KeyMatches}";
        _readETag = $"SELECT etag FROM cardactors_grain_state WHERE {KeyMatches}";
        _insert = "INSERT INTO cardactors_grain_state (grain_type, grain_key, state_name, payload, state_version, etag, modified_at) "
            + $"VALUES ($1, $2, $3, $4, $5, 1, {now}) ON CONFLICT DO NOTHING RETURNING etag";
        _update = $"UPDATE cardactors_grain_state SET payload = $4, state_version = $5, etag = etag + 1, modified_at = {now} "
            + $"WHERE {KeyMatches} AND etag = $6 RETURNING etag";
        _clear = $"UPDATE cardactors_grain_state SET payload = NULL, etag = etag + 1, modified_at = {now} "
            + $"WHERE {KeyMatches} AND etag = $4 RETURNING etag";
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => AdoNetSchemaMigrator.MigrateAsync(_dataSource, _dialect, cancellationToken);

    public async Task<GrainStateRecord?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        await using var scope = await EnterAsync(cancellationToken);
        var command = KeyCommand(scope, _read, key);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var payload = reader.IsDBNull(0) ? null : reader.GetFieldValue<byte[]>(0);
        return new GrainStateRecord(payload, reader.GetInt32(1), FormatETag(reader.GetInt64(2)));
    }

    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> payload, int stateVersion, string? expectedETag, CancellationToken cancellationToken)
    {
        var expected = expectedETag is null ? (long?)null : ParseETag(key, expectedETag);
        await using var scope = await EnterAsync(cancellationToken);
        var command = KeyCommand(scope, expected is null ? _insert : _update, key);
        command.Set(_dialect, 4, AsArray(payload));
        command.Set(_dialect, 5, stateVersion);
        if (expected is { } etag)
        {
            command.Set(_dialect, 6, etag);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is { } written
            ? FormatETag(written)
            : throw await RejectAsync(scope, "write", key, expectedETag, cancellationToken);
    }

    public async Task<string?> ClearAsync(GrainStateKey key, string? expectedETag, CancellationToken cancellationToken)
    {
        await using var scope = await EnterAsync(cancellationToken);
        if (expectedETag is null)
        {
            // "I saw no record": there is nothing to clear, unless someone wrote one meanwhile.
            var stored = await ReadETagAsync(scope, key, cancellationToken);
            return stored is null ? null : throw Rejected("clear", key, expectedETag, stored);
        }

        var command = KeyCommand(scope, _clear, key);
        command.Set(_dialect, 4, ParseETag(key, expectedETag));
        return await command.ExecuteScalarAsync(cancellationToken) is { } cleared
            ? FormatETag(cleared)
            : throw await RejectAsync(scope, "clear", key, expectedETag, cancellationToken);
    }

    public void Dispose() => _writer?.Dispose();

    // On SQLite reads take their turn in the file's queue too: a reader that races the writer's
    // updates of the WAL index backs off inside SQLite with sleeps that SQLitePCLRaw 2.0.6 (built
    // without usleep) rounds up to a whole second. In turn, a read costs microseconds.
    private ValueTask<CommandScope> EnterAsync(CancellationToken cancellationToken)
        => _writer?.EnterAsync(cancellationToken) ?? PooledCommandScope.OpenAsync(_dataSource, cancellationToken);

    private DbCommand KeyCommand(CommandScope scope, string sql, GrainStateKey key)
    {
        var command = scope.Command(sql);
        command.Set(_dialect, 1, key.GrainType);
        command.Set(_dialect, 2, key.GrainKey);
        command.Set(_dialect, 3, key.StateName);
        return command;
    }

    private async Task<string?> ReadETagAsync(CommandScope scope, GrainStateKey key, CancellationToken cancellationToken)
        => await KeyCommand(scope, _readETag, key).ExecuteScalarAsync(cancellationToken) is { } etag ? FormatETag(etag) : null;

    private async Task<InconsistentStateException> RejectAsync(CommandScope scope, string operation, GrainStateKey key, string? expectedETag, CancellationToken cancellationToken)
        => Rejected(operation, key, expectedETag, await ReadETagAsync(scope, key, cancellationToken));

    private static InconsistentStateException Rejected(string operation, GrainStateKey key, string? expectedETag, string? storedETag)
    {
        var expected = expectedETag is null ? "no stored record" : $"ETag '{expectedETag}'";
        var stored = storedETag is null ? "there is none" : $"the stored ETag is '{storedETag}'";
        return new InconsistentStateException($"Cannot {operation} grain state {key}: expected {expected}, but {stored}.");
    }

    // An ETag this storage never issued cannot match a stored one: a conflict, not a bad argument.
    private static long ParseETag(GrainStateKey key, string etag)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InconsistentStateException($"Cannot change grain state {key}: '{etag}' is not an ETag of this storage.");

    private static string FormatETag(object etag) => FormatETag(Convert.ToInt64(etag, CultureInfo.InvariantCulture));

    private static string FormatETag(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    // The providers take a byte[]; when the caller's memory is a whole array, pass it rather than a copy.
    private static byte[] AsArray(ReadOnlyMemory<byte> payload)
        => MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
