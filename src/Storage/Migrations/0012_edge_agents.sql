-- Cloud-managed edge agents (issue 16). An agent belongs to a site and records the cameras whose agent_id names it;
-- the silo sends it their desired configuration on edge.config. The gateway owns edge_agents and the new camera
-- columns; the silo writes edge_agent_status (each agent's newest heartbeat) and continuous_segments.
CREATE TABLE edge_agents (
    id              text PRIMARY KEY,
    site_id         text NOT NULL REFERENCES sites (id),
    name            text NOT NULL,
    -- Base64 of 32 random bytes, shown once at registration: seals RTSP passwords so only this agent reads them.
    config_key      text NOT NULL,
    -- Grows with every change of the agent's cameras; the agent reports the version it runs.
    config_version  bigint NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX edge_agents_site ON edge_agents (site_id, id);

-- No foreign key: an agent heartbeats before (or without) being registered, and the API lists it as unregistered.
CREATE TABLE edge_agent_status (
    agent_id          text PRIMARY KEY,
    site              text,
    version           text NOT NULL,
    reported_at       timestamptz NOT NULL,
    received_at       timestamptz NOT NULL,
    config_version    bigint,
    config_error      text,
    disk_free_bytes   bigint NOT NULL,
    spool_count       int NOT NULL,
    spool_bytes       bigint NOT NULL,
    spool_evictions   int NOT NULL,
    -- The heartbeat's cameras as the agent sent them (EdgeCameraStatus, camelCase JSON); passwords never appear.
    cameras           jsonb NOT NULL
);

ALTER TABLE cameras
    ADD COLUMN agent_id                    text REFERENCES edge_agents (id),
    ADD COLUMN rtsp_username               text,
    -- Write-only through the API: never returned, sealed per agent on edge.config.
    ADD COLUMN rtsp_password               text,
    ADD COLUMN continuous                  boolean NOT NULL DEFAULT false,
    ADD COLUMN container                   text,
    ADD COLUMN cache_seconds               double precision,
    ADD COLUMN cache_bytes                 bigint,
    ADD COLUMN segment_seconds             double precision,
    -- Continuous recording's own retention (clips keep retention_days/retention_bytes).
    ADD COLUMN continuous_retention_days   int,
    ADD COLUMN continuous_retention_bytes  bigint;
CREATE INDEX cameras_agent ON cameras (agent_id, id) WHERE agent_id IS NOT NULL;

-- Continuous recording: one row per segment an agent uploaded (announced on edge.segments).
CREATE TABLE continuous_segments (
    camera_id   text NOT NULL,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL,
    object_key  text NOT NULL,
    bytes       bigint NOT NULL,
    agent_id    text NOT NULL,
    PRIMARY KEY (camera_id, start_at)
);
