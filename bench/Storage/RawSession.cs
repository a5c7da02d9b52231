using System.Data.Common;
using System.Globalization;

namespace CardActors.Bench.Storage;

/// <summary>
/// The baseline's open connection with its INSERT and UPDATE prepared once by the database's own
/// provider (parameters $1 grain type, $2 key, $3 state name, $4 payload, $5 version, $6 ETag);
/// only the key, the payload and the ETag change per write.
/// </summary>
internal sealed class RawSession(DbConnection connection, DbCommand insert, DbCommand update) : IRawSession
{
    public Task<long?> InsertAsync(string grainKey, byte[] payload) => ExecuteAsync(insert, grainKey, payload);

    public Task<long?> UpdateAsync(string grainKey, byte[] payload, long etag)
    {
        update.Parameters[5].Value = etag;
        return ExecuteAsync(update, grainKey, payload);
    }

    public async ValueTask DisposeAsync()
    {
        await insert.DisposeAsync();
        await update.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static async Task<long?> ExecuteAsync(DbCommand command, string grainKey, byte[] payload)
    {
        command.Parameters[1].Value = grainKey;
        command.Parameters[3].Value = payload;
        return await command.ExecuteScalarAsync() is { } etag ? Convert.ToInt64(etag, CultureInfo.InvariantCulture) : null;
    }
}
