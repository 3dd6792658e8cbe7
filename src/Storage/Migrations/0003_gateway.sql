-- Gateway: API keys (only a hash of the secret is kept; the secret is shown once, at creation).
CREATE TABLE api_keys (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    role         text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
    -- A key scoped to a site sees and changes only that site's cameras, sensors, rules and clips.
    site_id      text REFERENCES sites (id),
    secret_hash  bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

-- Listing filters that the catalog indexes of 0002 do not cover.
CREATE INDEX recording_sessions_time ON recording_sessions (start_at DESC, id DESC);
CREATE INDEX alerts_class_time ON alerts (class, occurred_at DESC, id DESC);
