namespace CardActors.Storage.Sqlite;

/// <summary>The grain state table and the statements on it.</summary>
internal static class SqliteGrainStorageSchema
{
    public const string Component = "grain-state";

    // The key is the grain's full identity: the grain type from GrainId.Type, so two grain types
    // with the same key and state name never share a row. A cleared state keeps its row with a
    // null payload and a higher ETag, so an ETag from before the clear can never match again.
    public static readonly SqliteMigration[] Migrations =
    [
        new(1, "grain state", """
            CREATE TABLE cardactors_grain_state (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                state_name TEXT NOT NULL,
                payload BLOB NULL,
                etag INTEGER NOT NULL,
                modified_at TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name))
            """),
    ];

    public const string Read = """
        SELECT payload, etag FROM cardactors_grain_state
        WHERE grain_type = $type AND grain_key = $key AND state_name = $state
        """;

    public const string Insert = """
        INSERT INTO cardactors_grain_state (grain_type, grain_key, state_name, payload, etag, modified_at)
        VALUES ($type, $key, $state, $payload, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ON CONFLICT DO NOTHING
        """;

    public const string Update = """
        UPDATE cardactors_grain_state
        SET payload = $payload, etag = etag + 1, modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE grain_type = $type AND grain_key = $key AND state_name = $state AND etag = $etag
        RETURNING etag
        """;

    public const string CurrentETag = """
        SELECT etag FROM cardactors_grain_state
        WHERE grain_type = $type AND grain_key = $key AND state_name = $state
        """;

    // Keyset paging over the primary key's (type, key) prefix. A payload written by
    // JsonGrainStorageSerializer is an envelope {"v":n,"state":...}; one without a version is older than any.
    public const string Outdated = """
        SELECT grain_key FROM cardactors_grain_state
        WHERE grain_type = $type AND state_name = $state AND grain_key > $after AND payload IS NOT NULL
            AND coalesce(json_extract(CAST(payload AS TEXT), '$.v'), 0) < $version
        ORDER BY grain_key
        LIMIT $limit
        """;
}
