-- Who marked an alert or a recording session as reviewed, and when (the web UI's review timeline). Kept apart from
-- alerts and recording_sessions because those are the silo's: it writes them from grain effects, the gateway only
-- reads them; this table is the gateway's. No row: not reviewed. Neither alerts nor sessions are ever deleted, so
-- a review never outlives its event.
CREATE TABLE event_reviews (
    kind         text NOT NULL CHECK (kind IN ('alert', 'recording')),
    event_id     text NOT NULL,
    reviewed_by  text NOT NULL,
    reviewed_at  timestamptz NOT NULL,
    PRIMARY KEY (kind, event_id)
);
