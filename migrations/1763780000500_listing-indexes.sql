-- Up Migration

-- `countersign actions list` reads newest first with any filter; `audit export --since` by time.
CREATE INDEX actions_created_idx ON actions (created_at DESC);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);

-- Down Migration
DROP INDEX audit_events_occurred_idx;
DROP INDEX actions_created_idx;
