-- Up Migration

-- Agents' API keys. Only the SHA-256 of each key's secret is kept, so a copy of this table
-- cannot act as any agent. An agent has at most two live keys (rotation: create the new one,
-- move the agent, revoke the old one); revoking is immediate because the gateway reads this
-- table on every request.
CREATE TABLE agent_keys (
  key_id      text        PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{12}$'),
  agent_id    text        NOT NULL,
  secret_hash text        NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL,
  created_by  text        NOT NULL,
  revoked_at  timestamptz,
  revoked_by  text
);
CREATE INDEX agent_keys_agent_idx ON agent_keys (agent_id, created_at);

-- Down Migration
DROP TABLE agent_keys;
