namespace CardActors.Storage.Sqlite;

/// <summary>The reminders table and the statements on it.</summary>
internal static class SqliteReminderSchema
{
    public const string Component = "reminders";

    // grain_hash is GrainId.GetUniformHashCode() as an unsigned value (0 … 2^32-1), so ring ranges
    // compare the way Orleans does. Times are UTC ticks: exact, and no text parsing on read.
    public static readonly SqliteMigration[] Migrations =
    [
        new(1, "reminders", """
            CREATE TABLE cardactors_reminders (
                service_id TEXT NOT NULL,
                grain_id TEXT NOT NULL,
                reminder_name TEXT NOT NULL,
                grain_hash INTEGER NOT NULL,
                start_at_ticks INTEGER NOT NULL,
                period_ticks INTEGER NOT NULL,
                etag INTEGER NOT NULL,
                PRIMARY KEY (service_id, grain_id, reminder_name)) WITHOUT ROWID;
            CREATE INDEX cardactors_reminders_by_hash ON cardactors_reminders (service_id, grain_hash);
            """),
    ];

    private const string Columns = "grain_id, reminder_name, start_at_ticks, period_ticks, etag FROM cardactors_reminders";

    public const string ReadByGrain = $"SELECT {Columns} WHERE service_id = $service AND grain_id = $grain";

    public const string ReadOne = $"SELECT {Columns} WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name";

    // (begin, end]: the range inside the ring.
    public const string ReadInside = $"SELECT {Columns} WHERE service_id = $service AND grain_hash > $begin AND grain_hash <= $end";

    // begin >= end: the range wraps past the top of the ring (begin = end is the whole ring).
    public const string ReadWrapping = $"SELECT {Columns} WHERE service_id = $service AND (grain_hash > $begin OR grain_hash <= $end)";

    public const string Upsert = """
        INSERT INTO cardactors_reminders (service_id, grain_id, reminder_name, grain_hash, start_at_ticks, period_ticks, etag)
        VALUES ($service, $grain, $name, $hash, $start, $period, $etag)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash,
            start_at_ticks = excluded.start_at_ticks,
            period_ticks = excluded.period_ticks,
            etag = excluded.etag
        """;

    public const string Delete = "DELETE FROM cardactors_reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag";

    public const string DeleteAll = "DELETE FROM cardactors_reminders WHERE service_id = $service";
}
