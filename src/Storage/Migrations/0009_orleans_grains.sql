-- The silo runs on Orleans (issue 14): grains are placed by Orleans, Kafka partitions are Orleans stream queues.
-- The partition-worker host's tables go: its state was keyed by its own partitions, and its offsets were those of
-- topics that no longer exist (platform.events, platform.control). A grain's state starts empty after the upgrade.
DROP TABLE grain_state;
DROP TABLE partition_offsets;
DROP TABLE source_watermarks;
DROP TABLE outbox;

-- Grain state, written by the silo's own grain storage (PostgresGrainStorage), which gathers the writes of many
-- grains into one transaction. `version` is the etag: a write names the version it read and is refused when
-- another activation wrote since. A grain's row is rewritten by almost every batch it gets: with room left in each
-- page the rewrite is a HOT update (no index is touched; the primary key does not change).
CREATE TABLE grain_states (
    grain_id    text PRIMARY KEY,
    state       bytea NOT NULL,
    version     bigint NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
) WITH (fillfactor = 70);

-- Kafka messages a grain decided (Smart Video Record commands, alerts), written in the same transaction as its
-- state and deleted once the broker has them. Rows a silo did not get to send (it crashed) are sent by any silo
-- after a while (OutboxSweeper). `sequence` keeps a grain's messages in the order it decided them.
CREATE TABLE outbox (
    sequence    bigserial PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    grain_id    text NOT NULL,
    topic       text NOT NULL,
    key         text NOT NULL,
    payload     bytea NOT NULL,
    trace_parent text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_created_at ON outbox (created_at);

-- Where the Kafka stream provider resumes each partition (an Orleans queue). Claiming a partition increments its
-- epoch; a commit carries the epoch of its claim and is refused once another silo has claimed the partition, so a
-- silo that lost a queue can never move its checkpoint late. `next_offset` NULL: nothing committed yet.
CREATE TABLE stream_checkpoints (
    provider      text NOT NULL,
    topic         text NOT NULL,
    partition     int NOT NULL,
    next_offset   bigint,
    epoch         bigint NOT NULL,
    owner         text NOT NULL,
    claimed_at    timestamptz NOT NULL,
    committed_at  timestamptz,
    PRIMARY KEY (provider, topic, partition)
);
