-- Up Migration

-- Read model: each action's current state, updated in the same transaction as its audit event.
CREATE TABLE actions (
  action_id        text        PRIMARY KEY,
  agent_id         text        NOT NULL,
  task_id          text        NOT NULL,
  action           text        NOT NULL,
  resource         text        NOT NULL,
  tier             smallint    NOT NULL,
  rule             text        NOT NULL,
  state            text        NOT NULL,
  reason           text,
  request_hash     text        NOT NULL,
  action_hash      text,
  idempotency_key  text,
  workflow_id      text,
  policy_version   text        NOT NULL,
  window_closes_at timestamptz,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX actions_state_idx ON actions (state, created_at DESC);
CREATE INDEX actions_agent_idx ON actions (agent_id, created_at DESC);

-- What the agent sent, kept out of Temporal's history (drafts may hold secrets until scanned).
CREATE TABLE action_requests (
  action_id text  PRIMARY KEY REFERENCES actions (action_id),
  request   jsonb NOT NULL
);

-- WRITE and AUDIT stages of the draft: 'staged' as sent, 'publishable' after the DLP scan.
CREATE TABLE action_drafts (
  action_id    text        NOT NULL REFERENCES actions (action_id),
  stage        text        NOT NULL CHECK (stage IN ('staged', 'publishable')),
  content_hash text        NOT NULL,
  draft        text        NOT NULL,
  params       jsonb       NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (action_id, stage)
);

-- Rate-limit hits, counted inside a transaction under an advisory lock per subject.
CREATE TABLE rate_limit_hits (
  id        bigserial   PRIMARY KEY,
  scope     text        NOT NULL,
  subject   text        NOT NULL,
  action_id text        NOT NULL,
  at        timestamptz NOT NULL
);
CREATE INDEX rate_limit_hits_window_idx ON rate_limit_hits (scope, subject, at);

-- Down Migration
DROP TABLE rate_limit_hits;
DROP TABLE action_drafts;
DROP TABLE action_requests;
DROP TABLE actions;
