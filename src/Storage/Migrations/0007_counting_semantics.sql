-- Line crossings are counted next to zone traffic: one row per (sensor, line, class, minute), entries = crossings
-- a-to-b and exits = b-to-a. Zone and line ids of one sensor are distinct (the API refuses a clash), so the key
-- stays (sensor_id, zone_id, minute, class) and `kind` only says what the id names.
ALTER TABLE traffic_counts ADD COLUMN kind text NOT NULL DEFAULT 'zone' CHECK (kind IN ('zone', 'line'));

-- camera_id is the camera of the sensor that fired the rule (where it happened); record_camera_ids are the
-- cameras its record actions started (may be others, or none).
ALTER TABLE alerts ADD COLUMN record_camera_ids text[] NOT NULL DEFAULT '{}';

-- Every rule whose trigger opened or extended the session, the opener first; rule_id stays the opener.
ALTER TABLE recording_sessions ADD COLUMN rule_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE clips ADD COLUMN rule_ids text[] NOT NULL DEFAULT '{}';
