import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-event.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { generateAgentKey } from './agent-key.ts';

/** Live keys an agent may hold at once: the current one and its replacement during rotation. */
export const MAX_LIVE_KEYS = 2;

const AgentKeyRowSchema = z.object({
  key_id: z.string(),
  agent_id: z.string(),
  secret_hash: z.string(),
  created_at: z.date(),
  created_by: z.string(),
  revoked_at: z.date().nullable(),
  revoked_by: z.string().nullable(),
});
type AgentKeyRow = z.infer<typeof AgentKeyRowSchema>;

/** A key as `agents key list` and the API show it: never the secret or its hash. */
export interface AgentKeyInfo {
  keyId: string;
  agentId: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

function info(row: AgentKeyRow): AgentKeyInfo {
  return {
    keyId: row.key_id,
    agentId: row.agent_id,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
  };
}

export interface KeyAudit {
  /** Who made or revoked the key (the operator), recorded as the event's actor. */
  by: string;
  policyVersion: string;
  at: Date;
}

/**
 * Makes a key for an agent, audited (`agent_key_created`, with the key id, never the key).
 * Refused when the agent already has MAX_LIVE_KEYS live keys. Returns the key, shown once.
 */
export async function createAgentKey(pool: Pool, agentId: string, audit: KeyAudit): Promise<{ agentId: string; keyId: string; key: string }> {
  const made = generateAgentKey();
  await inTransaction(pool, async (client) => {
    // Two operators creating keys for one agent at once count one after the other.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`countersign:agent_keys:${agentId}`]);
    const { rows } = await client.query<{ key_id: string }>('SELECT key_id FROM agent_keys WHERE agent_id = $1 AND revoked_at IS NULL ORDER BY created_at', [agentId]);
    if (rows.length >= MAX_LIVE_KEYS) {
      throw new CountersignError(
        ErrorCode.AgentKeyLimit,
        `agent ${agentId} already has ${rows.length} live keys (${rows.map((r) => r.key_id).join(', ')}); revoke one first: countersign agents key revoke <keyId>`,
      );
    }
    await client.query('INSERT INTO agent_keys (key_id, agent_id, secret_hash, created_at, created_by) VALUES ($1, $2, $3, $4, $5)', [
      made.keyId,
      agentId,
      made.secretHash,
      audit.at,
      audit.by,
    ]);
    await appendAuditEvent(client, {
      eventKey: `agent_key:${made.keyId}:created`,
      occurredAt: audit.at,
      actionId: null,
      type: 'agent_key_created',
      actor: audit.by,
      policyVersion: audit.policyVersion,
      payload: { agentId, keyId: made.keyId },
    });
  });
  return { agentId, keyId: made.keyId, key: made.key };
}

/** Keys, newest first; one agent's when `agentId` is given. */
export async function listAgentKeys(pool: Pool, agentId?: string): Promise<AgentKeyInfo[]> {
  const { rows } = await pool.query(
    `SELECT * FROM agent_keys ${agentId === undefined ? '' : 'WHERE agent_id = $1'} ORDER BY created_at DESC, key_id`,
    agentId === undefined ? [] : [agentId],
  );
  return rows.map((row) => info(AgentKeyRowSchema.parse(row)));
}

/** Revokes a key at once, audited (`agent_key_revoked`); revoking a revoked key changes nothing. */
export async function revokeAgentKey(pool: Pool, keyId: string, audit: KeyAudit): Promise<AgentKeyInfo> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query('SELECT * FROM agent_keys WHERE key_id = $1 FOR UPDATE', [keyId]);
    if (rows[0] === undefined) {
      throw new CountersignError(ErrorCode.AgentKeyNotFound, `no agent key ${keyId}; list them with: countersign agents key list`);
    }
    const row = AgentKeyRowSchema.parse(rows[0]);
    if (row.revoked_at !== null) return info(row);
    const { rows: updated } = await client.query('UPDATE agent_keys SET revoked_at = $2, revoked_by = $3 WHERE key_id = $1 RETURNING *', [keyId, audit.at, audit.by]);
    await appendAuditEvent(client, {
      eventKey: `agent_key:${keyId}:revoked`,
      occurredAt: audit.at,
      actionId: null,
      type: 'agent_key_revoked',
      actor: audit.by,
      policyVersion: audit.policyVersion,
      payload: { agentId: row.agent_id, keyId },
    });
    return info(AgentKeyRowSchema.parse(updated[0]));
  });
}

/** The stored hash and agent of a key id, for the gateway's check; undefined when there is none. */
export async function findAgentKey(pool: Pool, keyId: string): Promise<{ agentId: string; secretHash: string; revoked: boolean } | undefined> {
  // Named, so each connection prepares it once: it runs on every request to the gateway.
  const { rows } = await pool.query<{ agent_id: string; secret_hash: string; revoked: boolean }>({
    name: 'countersign-find-agent-key',
    text: 'SELECT agent_id, secret_hash, revoked_at IS NOT NULL AS revoked FROM agent_keys WHERE key_id = $1',
    values: [keyId],
  });
  const row = rows[0];
  return row === undefined ? undefined : { agentId: row.agent_id, secretHash: row.secret_hash, revoked: row.revoked };
}
