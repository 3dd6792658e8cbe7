-- Orleans 10.4.2 ADO.NET providers on PostgreSQL: clustering (membership), reminders and grain storage.
--
-- Why this file exists: the Microsoft.Orleans.*.AdoNet packages ship no SQL. Each provider starts by running
-- `SELECT QueryKey, QueryText FROM OrleansQuery` and from then on executes only those texts, binding its own
-- parameter names and reading result columns by name. The contract with the providers is therefore: the table
-- OrleansQuery with those two columns (unquoted, so PostgreSQL folds them to lower case), the query keys each
-- provider looks up, the @Parameters it binds and the column names it reads. The tables behind the queries are
-- ours: named and typed like the rest of this schema.
--
-- How the keys were derived: from the providers' source (Orleans src/AdoNet/Shared/Storage/DbStoredQueries.cs and
-- RelationalOrleansQueries.cs for clustering and reminders, Orleans.Persistence.AdoNet/Storage/Provider/
-- AdoNetGrainStorage.cs for grain storage), checked against the decompiled 10.4.2 assemblies. The clustering and
-- reminder providers refuse to start unless every key they know is present; grain storage needs its three keys.
-- 10.4.2 also looks up an optional per-row cleanup key (CleanupDefunctSiloEntryKey) that the older public scripts
-- do not have; it is provided below.
--
-- How parameters arrive (Npgsql, invariant "Npgsql"): the providers set a DbType on every parameter, so each one
-- reaches the server typed, NULLs included: strings as text, Int32 as integer, DateTime as timestamptz (always
-- Kind=Utc), byte[] as bytea. No casts are needed in the texts. Result columns are aliased to the exact names the
-- providers read ("Version", "StartTime", ...).
--
-- Each write below is a single statement, so it is atomic on its own whether or not the caller opened a
-- transaction; the version checks live in the WHERE clauses, where a concurrent writer's row lock makes the loser
-- re-check against the committed version and match nothing.

CREATE TABLE OrleansQuery (
    QueryKey   text PRIMARY KEY,
    QueryText  text NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------------
-- Clustering (Microsoft.Orleans.Clustering.AdoNet). The provider calls the cluster id "DeploymentId".
--
-- The membership protocol is optimistic: a silo reads the whole table with its version, decides, and writes back
-- a row change together with version + 1, passing the version it read as @Version. The write must change nothing
-- and report 0 when the version moved meanwhile; that is what stops two silos from acting on different views of
-- the cluster (e.g. both declaring each other dead from stale reads). The row etags the provider hands out are the
-- table version itself, so checking the table version is the etag check.

CREATE TABLE orleans_membership_versions (
    cluster_id  text PRIMARY KEY,
    version     integer NOT NULL DEFAULT 0,
    changed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    -- Deleting a cluster's version row (DeleteMembershipTableEntriesKey) takes its silos with it.
    cluster_id       text NOT NULL REFERENCES orleans_membership_versions (cluster_id) ON DELETE CASCADE,
    address          text NOT NULL,
    port             integer NOT NULL,
    -- The silo's start stamp: a restarted silo on the same endpoint is a new row.
    generation       integer NOT NULL,
    silo_name        text NOT NULL,
    host_name        text NOT NULL,
    -- Orleans SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
    status           integer NOT NULL,
    -- 0 when the silo runs no gateway; clients are only offered silos with a gateway.
    proxy_port       integer NOT NULL,
    -- Votes of the silos suspecting this one, as the provider formats them ("silo,time|silo,time"); NULL when none.
    suspect_times    text,
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Run by every silo at start; reports 1 only to the silo that created the cluster's version row.
('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_versions (cluster_id)
    VALUES (@DeploymentId)
    ON CONFLICT (cluster_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) FROM created
$sql$),

-- Both reads start from the version row so that the version comes back even when the cluster has no silo yet
-- (the provider takes it from the first row and ignores member columns that are NULL). One statement reads one
-- snapshot, so the rows and the version always belong together.
('MembershipReadAllKey', $sql$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM orleans_membership_versions v
LEFT JOIN orleans_membership m ON m.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId
$sql$),

('MembershipReadRowKey', $sql$
SELECT m.address AS "Address", m.port AS "Port", m.generation AS "Generation", m.silo_name AS "SiloName",
       m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM orleans_membership_versions v
LEFT JOIN orleans_membership m
       ON m.cluster_id = v.cluster_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.cluster_id = @DeploymentId
$sql$),

-- A new silo row and the version bump happen together or not at all: the bump is conditional on the expected
-- version and on the row being new, and the insert only happens for a bumped version row. Two silos inserting
-- with the same version queue on the version row's lock; the second then sees the new version and matches nothing.
('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_versions
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleans_membership
                      WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port
                        AND generation = @Generation)
    RETURNING cluster_id
), inserted AS (
    INSERT INTO orleans_membership (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) FROM inserted
$sql$),

-- Status changes and suspicion votes: same rule as the insert, for an existing row. An empty vote list is stored
-- as NULL, the form the provider reads back as "no votes" (and compares against in CleanupDefunctSiloEntryKey).
('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE orleans_membership_versions
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleans_membership
                  WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port
                    AND generation = @Generation)
    RETURNING cluster_id
), updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = NULLIF(@SuspectTimes, ''), i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.cluster_id = bumped.cluster_id AND m.address = @Address AND m.port = @Port
      AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) FROM updated
$sql$),

-- The heartbeat is outside the versioned protocol (the provider ignores its result): it must not move the version,
-- or every silo's periodic write would make the other silos' next membership change fail and retry.
('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$sql$),

-- What clients connect to: silos the cluster considers Active (the provider binds @Status = 3) with a gateway.
('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0
$sql$),

('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_versions WHERE cluster_id = @DeploymentId
$sql$),

-- Removes silos declared dead long ago (@IAmAliveTime is the cut-off, now - DefunctSiloExpiration). Only Dead rows:
-- a row in any other status belongs to a silo the cluster has not declared dead, and deleting it would hide that
-- silo from the protocol. (Older public scripts delete every non-Active row.) 10.4.2 runs this key only when the
-- per-row key below is missing.
('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership
WHERE cluster_id = @DeploymentId AND status = 6
  AND start_time < @IAmAliveTime AND i_am_alive_time < @IAmAliveTime
$sql$),

-- 10.4.2's preferred cleanup: it reads the table, picks Dead rows older than the cut-off with no recent vote, and
-- deletes each only if it is still exactly the row it looked at (times and votes unchanged). The provider binds
-- the votes re-serialised from what it read, NULL for none.
('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_membership
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM NULLIF(@SuspectTimes, '')
$sql$);

-- ---------------------------------------------------------------------------------------------------------------
-- Reminders (Microsoft.Orleans.Reminders.AdoNet). Each silo owns a range of the consistent-hash ring and loads the
-- reminders whose grain hash falls in it; the etag guards removal only (upserts always win).

CREATE TABLE orleans_reminders (
    service_id     text NOT NULL,
    -- GrainId in its string form, as the provider parses it back.
    grain_id       text NOT NULL,
    reminder_name  text NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint NOT NULL,
    -- The grain's uniform hash as a signed integer: the provider binds ring bounds the same way.
    grain_hash     integer NOT NULL,
    version        integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- Versions come from one sequence rather than starting at 0 per row: a reminder unregistered and registered again
-- then never gets an etag a holder of the old one could still use to delete it. It cycles after 2^31 upserts.
CREATE SEQUENCE orleans_reminder_versions AS integer CYCLE;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, nextval('orleans_reminder_versions'))
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period_ms = excluded.period_ms, grain_hash = excluded.grain_hash,
    version = excluded.version
RETURNING version AS "Version"
$sql$),

('ReadReminderRowsKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$sql$),

('ReadReminderRowKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$sql$),

-- A ring range is (begin, end]. The provider uses this key when begin < end as signed integers...
('ReadRangeRows1Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$sql$),

-- ...and this one when the range wraps around (begin >= end; begin = end is the whole ring).
('ReadRangeRows2Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period_ms AS "Period",
       version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$sql$),

-- Reports 1 when the row was removed, 0 when it was gone or its etag (@Version) has moved on.
('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT count(*) FROM deleted
$sql$),

('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$sql$);

-- ---------------------------------------------------------------------------------------------------------------
-- Grain storage (Microsoft.Orleans.Persistence.AdoNet). Separate from grain_state, which is the pre-Orleans grain
-- host's. The provider identifies a state by service, state name ("grain type"), the grain key as two 64-bit halves
-- (N0, N1) plus an optional string extension (string keys go entirely into the extension), and binds two hashes of
-- those for indexing. The etag is `version`: a write or clear must name the version it read, a first write names
-- none (NULL); anything else is refused and the provider throws InconsistentStateException, which is what keeps a
-- second activation of the same grain (e.g. during a membership change) from silently overwriting the first.

CREATE TABLE orleans_grain_storage (
    service_id          text NOT NULL,
    grain_type          text NOT NULL,
    grain_type_hash     integer NOT NULL,
    grain_id_hash       integer NOT NULL,
    grain_id_n0         bigint NOT NULL,
    grain_id_n1         bigint NOT NULL,
    grain_id_extension  text,
    -- NULL after ClearStorageKey: the grain then reads its default state, but the version lives on.
    payload             bytea,
    version             integer NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now(),
    -- One row per state, also for keys without extension (NULLS NOT DISTINCT, PostgreSQL 15+): two activations
    -- writing a first state at once cannot both insert. Hashes lead for selectivity.
    CONSTRAINT orleans_grain_storage_key UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);
-- Every write rewrites the row without touching an indexed column; room in each page keeps those updates HOT
-- (see 0004).
ALTER TABLE orleans_grain_storage SET (fillfactor = 80);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- No row: the grain starts from its default state with no etag.
('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM orleans_grain_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$sql$),

-- Returns the new version, or something the provider reads as a conflict: the version it sent (the row has moved
-- on, or is gone) or NULL (a first write found a row already there).
('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_storage (service_id, grain_type, grain_type_hash, grain_id_hash, grain_id_n0,
                                       grain_id_n1, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion)
       AS "NewGrainStateVersion"
$sql$),

-- No row back (version moved on) is a conflict for the provider.
('ClearStorageKey', $sql$
UPDATE orleans_grain_storage
SET payload = NULL, version = version + 1, modified_at = now()
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$sql$),

-- Used instead of ClearStorageKey when the provider is configured with DeleteStateOnClear. The row goes, so a later
-- first write starts again at version 1.
('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$sql$);
