-- Up Migration

-- The audit trail: append-only, one global hash chain. Every row's hash covers its own fields
-- (through content_hash) and its predecessor's hash, so any change or removal breaks the chain.
CREATE TABLE audit_events (
  seq            bigint      PRIMARY KEY,
  event_key      text        NOT NULL UNIQUE,
  occurred_at    timestamptz NOT NULL,
  action_id      text,
  type           text        NOT NULL,
  actor          text        NOT NULL,
  policy_version text        NOT NULL,
  payload        jsonb       NOT NULL,
  content_hash   text        NOT NULL,
  prev_hash      text        NOT NULL,
  hash           text        NOT NULL UNIQUE
);
CREATE INDEX audit_events_action_idx ON audit_events (action_id, seq);

-- The chain's head: one row, locked by each append so that concurrent writers link in order.
CREATE TABLE audit_chain_head (
  id   smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  seq  bigint   NOT NULL,
  hash text     NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- Appends one event in a single round trip. Idempotent on event_key: a retried step gets the
-- row it wrote the first time, and the chain does not move.
CREATE FUNCTION audit_append(
  p_event_key text, p_occurred_at timestamptz, p_action_id text, p_type text, p_actor text,
  p_policy_version text, p_payload jsonb, p_content_hash text
) RETURNS SETOF audit_events LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
  next_hash text;
BEGIN
  RETURN QUERY SELECT * FROM audit_events WHERE event_key = p_event_key;
  IF FOUND THEN RETURN; END IF;

  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  RETURN QUERY SELECT * FROM audit_events WHERE event_key = p_event_key;
  IF FOUND THEN RETURN; END IF;

  next_hash := encode(sha256(convert_to(head.hash || ':' || (head.seq + 1)::text || ':' || p_content_hash, 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = head.seq + 1, hash = next_hash WHERE id = 1;
  RETURN QUERY INSERT INTO audit_events
    VALUES (head.seq + 1, p_event_key, p_occurred_at, p_action_id, p_type, p_actor,
            p_policy_version, p_payload, p_content_hash, head.hash, next_hash)
    RETURNING *;
END;
$$;

CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is refused', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'audit events are never changed; record a new event instead';
END;
$$;

CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();

-- Down Migration
DROP TABLE audit_events;
DROP TABLE audit_chain_head;
DROP FUNCTION audit_append;
DROP FUNCTION audit_events_refuse_change;
