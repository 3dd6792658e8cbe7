-- What grains decide, written in the same transaction as their state: the catalog the gateway serves.

CREATE TABLE alerts (
    id                  text PRIMARY KEY,
    rule_id             text NOT NULL,
    rule_name           text NOT NULL,
    severity            text NOT NULL,
    message             text NOT NULL,
    sensor_id           text NOT NULL,
    camera_id           text,
    zone_id             text,
    line_id             text,
    class               text,
    object_ids          text[] NOT NULL,
    occurred_at         timestamptz NOT NULL,
    trigger_message_id  text NOT NULL,
    payload             jsonb NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alerts_time ON alerts (occurred_at DESC, id DESC);
CREATE INDEX alerts_camera_time ON alerts (camera_id, occurred_at DESC, id DESC);
CREATE INDEX alerts_sensor_time ON alerts (sensor_id, occurred_at DESC, id DESC);
CREATE INDEX alerts_rule_time ON alerts (rule_id, occurred_at DESC, id DESC);

CREATE TABLE recording_sessions (
    id                  text PRIMARY KEY,
    camera_id           text NOT NULL,
    status              text NOT NULL,
    start_at            timestamptz NOT NULL,
    end_at              timestamptz NOT NULL,
    max_end_at          timestamptz NOT NULL,
    rule_id             text,
    sensor_id           text,
    trigger_message_id  text,
    reason              text,
    container           text NOT NULL,
    extensions          int NOT NULL,
    close_reason        text,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recording_sessions_camera ON recording_sessions (camera_id, start_at DESC, id DESC);

-- Every Smart Video Record command sent, by its deterministic id.
CREATE TABLE commands (
    id          text PRIMARY KEY,
    camera_id   text NOT NULL,
    session_id  text,
    command     text NOT NULL,
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commands_session ON commands (session_id);

CREATE TABLE clips (
    id                  text PRIMARY KEY,
    camera_id           text NOT NULL,
    session_id          text,
    rule_id             text,
    sensor_id           text,
    command_id          text,
    trigger_message_id  text,
    agent_id            text NOT NULL,
    requested_start     timestamptz NOT NULL,
    requested_end       timestamptz NOT NULL,
    start_at            timestamptz NOT NULL,
    end_at              timestamptz NOT NULL,
    start_clipped       boolean NOT NULL,
    duration_seconds    double precision NOT NULL,
    size_bytes          bigint NOT NULL,
    sha256              text NOT NULL,
    container           text NOT NULL,
    bucket              text NOT NULL,
    object_key          text NOT NULL,
    thumbnail_key       text,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clips_time ON clips (start_at DESC, id DESC);
CREATE INDEX clips_camera_time ON clips (camera_id, start_at DESC, id DESC);
CREATE INDEX clips_session ON clips (session_id);
CREATE INDEX clips_rule_time ON clips (rule_id, start_at DESC, id DESC);

-- Per sensor, zone, class and minute (event time): running totals, upserted with GREATEST.
CREATE TABLE traffic_counts (
    sensor_id    text NOT NULL,
    zone_id      text NOT NULL,
    class        text NOT NULL,
    minute       timestamptz NOT NULL,
    entries      int NOT NULL,
    exits        int NOT NULL,
    max_present  int NOT NULL,
    PRIMARY KEY (sensor_id, zone_id, minute, class)
);

CREATE TABLE camera_status (
    camera_id                   text PRIMARY KEY,
    online                      boolean NOT NULL,
    last_heartbeat_at           timestamptz,
    last_heartbeat_received_at  timestamptz,
    agent_id                    text,
    connected                   boolean NOT NULL,
    recording                   boolean NOT NULL,
    cache_seconds               double precision NOT NULL,
    open_session_id             text,
    changed_at                  timestamptz NOT NULL
);
