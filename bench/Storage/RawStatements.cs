namespace CardActors.Bench.Storage;

/// <summary>
/// The statements the ADO.NET grain storage runs for a write (first an insert, then updates that
/// check the ETag), on a table of the same shape, so the raw baseline does the same database work.
/// </summary>
internal sealed record RawStatements(string Insert, string Update)
{
    public const string Table = "bench_raw_grain_state";

    public static RawStatements For(string currentTimeSql) => new(
        $"INSERT INTO {Table} (grain_type, grain_key, state_name, payload, state_version, etag, modified_at) "
            + $"VALUES ($1, $2, $3, $4, $5, 1, {currentTimeSql}) ON CONFLICT DO NOTHING RETURNING etag",
        $"UPDATE {Table} SET payload = $4, state_version = $5, etag = etag + 1, modified_at = {currentTimeSql} "
            + "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND etag = $6 RETURNING etag");
}
