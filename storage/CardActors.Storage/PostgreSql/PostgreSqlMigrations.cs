namespace CardActors.Storage.PostgreSql;

/// <summary>
/// Our PostgreSQL schema for Orleans' ADO.NET providers (invariant "Npgsql"): the tables, the
/// functions, and the <c>OrleansQuery</c> rows the providers read their statements from.
/// <para>
/// Written here from the providers' contract, not taken from Orleans' scripts. The contract is the
/// query keys (<see cref="OrleansQueryKeys"/>), the parameter names the providers bind (<c>@DeploymentId</c>,
/// <c>@GrainStateVersion</c>, …) and the result column names and types they read (matched
/// case-insensitively by Npgsql, so our snake_case columns are aliased to them). Where ours differ:
/// </para>
/// <list type="bullet">
/// <item>The grain state table has a primary key over the grain's identity (service, grain type and
/// state name, grain key), so two concurrent first writes of one grain cannot both succeed;
/// upstream has none and both did.</item>
/// <item>Reminder versions come from one sequence, so a reminder removed and created again never gets
/// back an ETag a stale caller still holds.</item>
/// <item>Membership changes lock the version row (checking the expected version) before touching the
/// silo row, instead of undoing the silo row in an exception block when the version check fails.</item>
/// </list>
/// </summary>
public static class PostgreSqlMigrations
{
    public static IReadOnlyList<PostgreSqlMigration> All { get; } =
    [
        new(1, "Orleans query table, clustering, reminders and grain state", OrleansQueryTable + Clustering + Reminders + GrainState),
    ];

    private const string OrleansQueryTable = """
        -- The providers run SELECT QueryKey, QueryText FROM OrleansQuery at start.
        CREATE TABLE OrleansQuery (
            QueryKey varchar(64) NOT NULL PRIMARY KEY,
            QueryText text NOT NULL);

        """;

    private const string Clustering = """
        -- One row per deployment: its version is the membership table's ETag. Every change of a
        -- silo row bumps it, and only if the silo still holds the version it read.
        CREATE TABLE orleans_membership_version (
            deployment_id text NOT NULL PRIMARY KEY,
            changed_at timestamptz NOT NULL DEFAULT now(),
            version integer NOT NULL DEFAULT 0);

        -- One row per silo incarnation.
        CREATE TABLE orleans_membership (
            deployment_id text NOT NULL REFERENCES orleans_membership_version (deployment_id),
            address text NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NULL,
            suspect_times text NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation));

        -- 1 when the silo row was added and the version bumped; 0 (nothing changed) when the
        -- version moved on since the silo read it, or the row exists already.
        CREATE FUNCTION orleans_membership_insert(
            p_deployment_id text, p_address text, p_port integer, p_generation integer,
            p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
            p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
        RETURNS integer LANGUAGE plpgsql AS $fn$
        DECLARE
            added integer;
        BEGIN
            PERFORM 1 FROM orleans_membership_version
            WHERE deployment_id = p_deployment_id AND version = p_version
            FOR UPDATE;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;

            INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                status, proxy_port, start_time, i_am_alive_time)
            VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
                p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
            ON CONFLICT DO NOTHING;
            GET DIAGNOSTICS added = ROW_COUNT;
            IF added = 0 THEN
                RETURN 0;
            END IF;

            UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
            WHERE deployment_id = p_deployment_id;
            RETURN 1;
        END
        $fn$;

        -- Same rules as orleans_membership_insert, for a change of an existing silo row.
        CREATE FUNCTION orleans_membership_update(
            p_deployment_id text, p_address text, p_port integer, p_generation integer,
            p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
        RETURNS integer LANGUAGE plpgsql AS $fn$
        DECLARE
            changed integer;
        BEGIN
            PERFORM 1 FROM orleans_membership_version
            WHERE deployment_id = p_deployment_id AND version = p_version
            FOR UPDATE;
            IF NOT FOUND THEN
                RETURN 0;
            END IF;

            UPDATE orleans_membership
            SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
            WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
            GET DIAGNOSTICS changed = ROW_COUNT;
            IF changed = 0 THEN
                RETURN 0;
            END IF;

            UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
            WHERE deployment_id = p_deployment_id;
            RETURN 1;
        END
        $fn$;

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('InsertMembershipVersionKey', $q$
            WITH added AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT count(*)::integer FROM added
        $q$),
        ('InsertMembershipKey', $q$
            SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
        $q$),
        ('UpdateMembershipKey', $q$
            SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation,
                @Status, @SuspectTimes, @IAmAliveTime, @Version)
        $q$),
        ('UpdateIAmAlivetimeKey', $q$
            UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
        $q$),
        ('MembershipReadRowKey', $q$
            SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
                m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
                m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
                v.version AS Version
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId
        $q$),
        ('MembershipReadAllKey', $q$
            SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
                m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
                m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
                v.version AS Version
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId
        $q$),
        ('DeleteMembershipTableEntriesKey', $q$
            DELETE FROM orleans_membership WHERE deployment_id = @DeploymentId;
            DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
        $q$),
        ('GatewaysQueryKey', $q$
            SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
        $q$),
        -- Status 3 is Active: a live silo's row stays, however old its I-am-alive time.
        ('CleanupDefunctSiloEntriesKey', $q$
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
        $q$);

        """;

    private const string Reminders = """
        -- grain_hash is GrainId.GetUniformHashCode() cast to a signed integer, as the provider binds
        -- it; it picks ReadRangeRows1Key when (int)begin < (int)end and ReadRangeRows2Key (wrapping)
        -- otherwise, which is the same ring range in signed order.
        CREATE SEQUENCE orleans_reminder_versions AS integer CYCLE;

        CREATE TABLE orleans_reminders (
            service_id text NOT NULL,
            grain_id text NOT NULL,
            reminder_name text NOT NULL,
            start_time timestamptz NOT NULL,
            period bigint NOT NULL,
            grain_hash integer NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name));

        CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('UpsertReminderRowKey', $q$
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, nextval('orleans_reminder_versions'))
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                start_time = excluded.start_time, period = excluded.period,
                grain_hash = excluded.grain_hash, version = excluded.version
            RETURNING version AS Version
        $q$),
        ('ReadReminderRowsKey', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId
        $q$),
        ('ReadReminderRowKey', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
        $q$),
        ('ReadRangeRows1Key', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
        $q$),
        ('ReadRangeRows2Key', $q$
            SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
            FROM orleans_reminders
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
        $q$),
        ('DeleteReminderRowKey', $q$
            WITH removed AS (
                DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
                RETURNING 1)
            SELECT count(*)::integer FROM removed
        $q$),
        ('DeleteReminderRowsKey', $q$
            DELETE FROM orleans_reminders WHERE service_id = @ServiceId
        $q$);

        """;

    private const string GrainState = """
        -- grain_type holds what the provider binds as @GrainTypeString. Orleans passes the state name
        -- there; UseCardActorsPostgreSql makes it "<grain type>/<state name>", so that two grain types
        -- with the same key and state name never share a row. A grain key without extension is
        -- stored with '' so that the primary key covers it.
        CREATE TABLE orleans_grain_state (
            service_id text NOT NULL,
            grain_type text NOT NULL,
            grain_id_n0 bigint NOT NULL,
            grain_id_n1 bigint NOT NULL,
            grain_id_extension text NOT NULL,
            grain_id_hash integer NOT NULL,
            grain_type_hash integer NOT NULL,
            payload bytea NULL,
            version integer NOT NULL,
            modified_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension));

        -- The new version, or NULL when the write lost: a first write (no version) over an existing
        -- row, or an update whose version is not the stored one. The provider turns NULL into an
        -- InconsistentStateException. Concurrent first writes meet at the primary key: the second
        -- waits for the first, then inserts nothing.
        CREATE FUNCTION orleans_grain_state_write(
            p_service_id text, p_grain_type text, p_n0 bigint, p_n1 bigint, p_extension text,
            p_id_hash integer, p_type_hash integer, p_version integer, p_payload bytea)
        RETURNS integer LANGUAGE plpgsql AS $fn$
        DECLARE
            written integer;
        BEGIN
            IF p_version IS NULL THEN
                INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension,
                    grain_id_hash, grain_type_hash, payload, version)
                VALUES (p_service_id, p_grain_type, p_n0, p_n1, coalesce(p_extension, ''), p_id_hash, p_type_hash, p_payload, 1)
                ON CONFLICT DO NOTHING
                RETURNING version INTO written;
            ELSE
                UPDATE orleans_grain_state
                SET payload = p_payload, version = version + 1, modified_at = now()
                WHERE service_id = p_service_id AND grain_type = p_grain_type AND grain_id_n0 = p_n0
                    AND grain_id_n1 = p_n1 AND grain_id_extension = coalesce(p_extension, '') AND version = p_version
                RETURNING version INTO written;
            END IF;
            RETURN written;
        END
        $fn$;

        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('WriteToStorageKey', $q$
            SELECT orleans_grain_state_write(@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
                @GrainIdHash, @GrainTypeHash, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion
        $q$),
        ('ReadFromStorageKey', $q$
            SELECT payload AS PayloadBinary, version AS Version
            FROM orleans_grain_state
            WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0
                AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
        $q$),
        -- A clear keeps the row with a null payload and a higher version: an ETag from before it never matches again.
        ('ClearStorageKey', $q$
            UPDATE orleans_grain_state
            SET payload = NULL, version = version + 1, modified_at = now()
            WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0
                AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
                AND version = @GrainStateVersion
            RETURNING version AS NewGrainStateVersion
        $q$),
        -- For DeleteStateOnClear: the provider expects the deleted row's version + 1.
        ('DeleteStorageKey', $q$
            DELETE FROM orleans_grain_state
            WHERE service_id = @ServiceId AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0
                AND grain_id_n1 = @GrainIdN1 AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
                AND version = @GrainStateVersion
            RETURNING version + 1 AS NewGrainStateVersion
        $q$);
        """;
}
