-- Up Migration

-- One-time links of approval mails. Only the SHA-256 of each token is kept, so a copy of this
-- table cannot decide anything. A token is bound to one action, one approver, one decision and
-- the action hash the mail showed; it expires with the approval's deadline and is used once
-- (using one of an approver's links uses all of them for that action).
CREATE TABLE email_tokens (
  token_hash  text        PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  action_id   text        NOT NULL REFERENCES actions (action_id),
  approver    text        NOT NULL,
  decision    text        NOT NULL CHECK (decision IN ('approve', 'reject')),
  action_hash text        NOT NULL,
  -- requested, reminder-1, …: which mail carried it.
  purpose     text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL,
  used_at     timestamptz
);
CREATE INDEX email_tokens_action_idx ON email_tokens (action_id, approver);

-- Down Migration
DROP TABLE email_tokens;
