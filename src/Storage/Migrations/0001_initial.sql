-- Configuration: the source of truth, written by the gateway, read by grains on activation.
CREATE TABLE sites (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cameras (
    id                text PRIMARY KEY,
    site_id           text REFERENCES sites (id),
    name              text NOT NULL,
    -- The name a DeepStream device uses for this camera in Smart Video Record `sensor.id`.
    device_sensor_id  text,
    source_url        text,
    retention_days    int,
    retention_bytes   bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cameras_site ON cameras (site_id, id);

CREATE TABLE sensors (
    id          text PRIMARY KEY,
    site_id     text REFERENCES sites (id),
    camera_id   text REFERENCES cameras (id),
    name        text NOT NULL,
    -- Zones and lines in the sensor's pixel coordinates, as the contracts' JSON.
    zones       jsonb NOT NULL DEFAULT '[]',
    lines       jsonb NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sensors_site ON sensors (site_id, id);
CREATE INDEX sensors_camera ON sensors (camera_id);

CREATE TABLE rules (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    enabled     boolean NOT NULL DEFAULT true,
    sensor_ids  text[] NOT NULL,
    -- The whole rule as the contracts' JSON (condition, schedule, cooldown, actions).
    definition  jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rules_sensors ON rules USING gin (sensor_ids);

-- Grain host: state and positions, written together in one transaction per batch.
CREATE TABLE grain_state (
    grain_id       text PRIMARY KEY,
    -- The partition of platform.events the grain's key hashes to: a new owner finds its timers by it.
    partition      int NOT NULL,
    state          bytea NOT NULL,
    next_timer_at  timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grain_state_timers ON grain_state (partition, next_timer_at) WHERE next_timer_at IS NOT NULL;

-- The next offset to apply, per topic and partition (platform.events and platform.control).
CREATE TABLE partition_offsets (
    topic        text NOT NULL,
    partition    int NOT NULL,
    next_offset  bigint NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition)
);

-- Per grain partition, the highest offset of each source partition already applied. Ingress may re-produce a
-- record after a crash; its envelope names the source offset, and one at or below this mark is skipped.
CREATE TABLE source_watermarks (
    partition      int NOT NULL,
    source         text NOT NULL,
    source_offset  bigint NOT NULL,
    PRIMARY KEY (partition, source)
);

-- Kafka messages decided in a committed batch and not yet acknowledged by the broker. Sent after commit,
-- deleted after delivery; after a crash the new owner of the partition sends what is left (same ids).
CREATE TABLE outbox (
    sequence    bigserial PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    partition   int NOT NULL,
    topic       text NOT NULL,
    key         text NOT NULL,
    payload     bytea NOT NULL,
    headers     jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_partition ON outbox (partition, sequence);
