import { z } from 'zod';
import { ActionRequestSchema, type ActionRequest } from '../action/action-request.ts';
import type { ActionState } from '../action/action-state.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import type { DbClient } from '../db/pool.ts';

export interface NewActionRow {
  actionId: string;
  request: ActionRequest;
  requestHash: string;
  tier: number;
  rule: string;
  state: ActionState;
  reason: string | null;
  workflowId: string | null;
  policyVersion: string;
  at: Date;
}

/** Inserts the action and its request; false when the action id exists already (a repeated key). */
export async function insertAction(client: DbClient, row: NewActionRow): Promise<boolean> {
  const inserted = await client.query(
    `INSERT INTO actions (action_id, agent_id, task_id, action, resource, tier, rule, state, reason,
       request_hash, idempotency_key, workflow_id, policy_version, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
     ON CONFLICT (action_id) DO NOTHING`,
    [
      row.actionId,
      row.request.agentId,
      row.request.taskId,
      row.request.action,
      row.request.resource,
      row.tier,
      row.rule,
      row.state,
      row.reason,
      row.requestHash,
      row.request.idempotencyKey ?? null,
      row.workflowId,
      row.policyVersion,
      row.at,
    ],
  );
  if (!inserted.rowCount) return false;
  await client.query('INSERT INTO action_requests (action_id, request) VALUES ($1, $2)', [
    row.actionId,
    JSON.stringify(row.request),
  ]);
  return true;
}

export const ActionRowSchema = z.object({
  action_id: z.string(),
  agent_id: z.string(),
  task_id: z.string(),
  action: z.string(),
  resource: z.string(),
  tier: z.number(),
  rule: z.string(),
  state: z.string(),
  reason: z.string().nullable(),
  request_hash: z.string(),
  action_hash: z.string().nullable(),
  workflow_id: z.string().nullable(),
  policy_version: z.string(),
  window_closes_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type ActionRow = z.infer<typeof ActionRowSchema>;

export async function findAction(client: DbClient, actionId: string): Promise<ActionRow | undefined> {
  const { rows } = await client.query('SELECT * FROM actions WHERE action_id = $1', [actionId]);
  return rows[0] === undefined ? undefined : ActionRowSchema.parse(rows[0]);
}

export async function loadRequest(client: DbClient, actionId: string): Promise<ActionRequest> {
  const { rows } = await client.query('SELECT request FROM action_requests WHERE action_id = $1', [actionId]);
  const row = rows[0] as { request: unknown } | undefined;
  if (!row) throw new CountersignError(ErrorCode.ActionNotFound, `no request is stored for action ${actionId}`);
  return ActionRequestSchema.parse(row.request);
}

export type DraftStage = 'staged' | 'publishable';

export interface StoredDraft {
  contentHash: string;
  draft: string;
  params: Record<string, z.core.util.JSONType>;
}

export async function saveDraft(
  client: DbClient,
  actionId: string,
  stage: DraftStage,
  draft: StoredDraft,
  at: Date,
): Promise<void> {
  await client.query(
    `INSERT INTO action_drafts (action_id, stage, content_hash, draft, params, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (action_id, stage) DO NOTHING`,
    [actionId, stage, draft.contentHash, draft.draft, JSON.stringify(draft.params), at],
  );
}

/**
 * Replaces the agent's draft and params, in the stored request and the staged copy, with their
 * redacted form (the audit step's `atRest`): the original is not kept anywhere.
 */
export async function keepRedacted(client: DbClient, actionId: string, redacted: Pick<StoredDraft, 'draft' | 'params'>): Promise<void> {
  const params = JSON.stringify(redacted.params);
  await client.query(
    `UPDATE action_requests SET request = jsonb_set(jsonb_set(request, '{draft}', to_jsonb($2::text)), '{params}', $3::jsonb) WHERE action_id = $1`,
    [actionId, redacted.draft, params],
  );
  await client.query("UPDATE action_drafts SET draft = $2, params = $3 WHERE action_id = $1 AND stage = 'staged'", [actionId, redacted.draft, params]);
}

const DraftRowSchema = z.object({
  content_hash: z.string(),
  draft: z.string(),
  params: z.record(z.string(), z.json()),
});

export async function loadDraft(client: DbClient, actionId: string, stage: DraftStage): Promise<StoredDraft> {
  const { rows } = await client.query(
    'SELECT content_hash, draft, params FROM action_drafts WHERE action_id = $1 AND stage = $2',
    [actionId, stage],
  );
  if (rows[0] === undefined) {
    throw new CountersignError(ErrorCode.ActionNotFound, `action ${actionId} has no ${stage} draft`);
  }
  const row = DraftRowSchema.parse(rows[0]);
  return { contentHash: row.content_hash, draft: row.draft, params: row.params };
}
