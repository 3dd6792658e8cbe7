-- A grain's state row is rewritten by almost every message it gets, and its timer moves with it. An index on
-- next_timer_at made every one of those rewrites insert index entries. Indexed by partition alone (which never
-- changes for a grain) and with room left in each page, a rewrite is a HOT update: no index is touched. A new owner
-- still finds a partition's timers by index, filtering the partition's rows on next_timer_at.
DROP INDEX grain_state_timers;
CREATE INDEX grain_state_partition ON grain_state (partition);
ALTER TABLE grain_state SET (fillfactor = 70);
