import { z } from 'zod';
import { AuditEventRowSchema, type AuditEventRow } from '../audit/audit-event.ts';
import type { Pool } from '../db/pool.ts';
import { ActionRowSchema, type ActionRow } from './action-store.ts';
import { ActionRequestSchema, type ActionRequest } from '../action/action-request.ts';

export interface ActionFilter {
  state?: string;
  agent?: string;
  action?: string;
  tier?: number;
  since?: Date;
  limit: number;
  /** 1-based. */
  page: number;
}

export interface ActionPage {
  rows: ActionRow[];
  /** Matching actions in all pages. */
  total: number;
}

/** Actions newest first, filtered and paged, from the read model (never Temporal visibility). */
export async function listActions(pool: Pool, filter: ActionFilter): Promise<ActionPage> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.state !== undefined) add('state = ?', filter.state);
  if (filter.agent !== undefined) add('agent_id = ?', filter.agent);
  if (filter.action !== undefined) add('action = ?', filter.action);
  if (filter.tier !== undefined) add('tier = ?', filter.tier);
  if (filter.since !== undefined) add('created_at >= ?', filter.since);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [page, count] = await Promise.all([
    pool.query(`SELECT * FROM actions ${clause} ORDER BY created_at DESC, action_id LIMIT ${filter.limit} OFFSET ${(filter.page - 1) * filter.limit}`, values),
    pool.query<{ n: string }>(`SELECT count(*) AS n FROM actions ${clause}`, values),
  ]);
  return { rows: page.rows.map((row) => ActionRowSchema.parse(row)), total: Number(count.rows[0]?.n ?? 0) };
}

export interface ActionStory {
  action: ActionRow;
  request: ActionRequest;
  events: AuditEventRow[];
}

/** One action's row, its request and every audit event about it, in chain order. */
export async function actionStory(pool: Pool, actionId: string): Promise<ActionStory | undefined> {
  const [action, request, events] = await Promise.all([
    pool.query('SELECT * FROM actions WHERE action_id = $1', [actionId]),
    pool.query<{ request: unknown }>('SELECT request FROM action_requests WHERE action_id = $1', [actionId]),
    pool.query('SELECT * FROM audit_events WHERE action_id = $1 ORDER BY seq', [actionId]),
  ]);
  if (action.rows[0] === undefined || request.rows[0] === undefined) return undefined;
  return {
    action: ActionRowSchema.parse(action.rows[0]),
    request: ActionRequestSchema.parse(request.rows[0].request),
    events: events.rows.map((row) => AuditEventRowSchema.parse(row)),
  };
}

const PendingRowSchema = z.object({
  action_id: z.string(),
  agent_id: z.string(),
  action: z.string(),
  resource: z.string(),
  tier: z.number(),
  payload: z.object({ deadline: z.string(), quorum: z.number(), approvers: z.array(z.string()) }).loose(),
  approvals: z.coerce.number(),
});

export interface PendingApproval {
  actionId: string;
  agentId: string;
  action: string;
  resource: string;
  tier: number;
  deadline: Date;
  quorum: number;
  approvals: number;
  approvers: string[];
}

const FreezeSchema = z.object({ frozen: z.boolean(), engaged_by: z.string().nullable(), reason: z.string().nullable(), since: z.date().nullable() });

export interface StatusSummary {
  freeze: { frozen: boolean; by: string | null; reason: string | null; since: Date | null };
  counts: Record<string, number>;
  pending: PendingApproval[];
}

/** The freeze, how many actions are in each state, and the approval queue, soonest deadline first. */
export async function statusSummary(pool: Pool): Promise<StatusSummary> {
  const [freeze, counts, pending] = await Promise.all([
    pool.query('SELECT frozen, engaged_by, reason, since FROM kill_switch WHERE id = 1'),
    pool.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM actions GROUP BY state ORDER BY state'),
    pool.query(
      `SELECT a.action_id, a.agent_id, a.action, a.resource, a.tier, r.payload,
         (SELECT count(*) FROM audit_events x WHERE x.action_id = a.action_id AND x.type = 'approval_accepted') AS approvals
       FROM actions a
       JOIN audit_events r ON r.action_id = a.action_id AND r.type = 'approval_requested'
       WHERE a.state = 'awaiting_approval'`,
    ),
  ]);
  const f = FreezeSchema.parse(freeze.rows[0]);
  return {
    freeze: { frozen: f.frozen, by: f.engaged_by, reason: f.reason, since: f.since },
    counts: Object.fromEntries(counts.rows.map((row) => [row.state, Number(row.n)])),
    pending: pending.rows
      .map((raw) => {
        const row = PendingRowSchema.parse(raw);
        return {
          actionId: row.action_id,
          agentId: row.agent_id,
          action: row.action,
          resource: row.resource,
          tier: row.tier,
          deadline: new Date(row.payload.deadline),
          quorum: row.payload.quorum,
          approvals: row.approvals,
          approvers: row.payload.approvers,
        };
      })
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime()),
  };
}

/** Audit events since a time, in chain order, a batch at a time so an export of millions stays small in memory. */
export async function* eventsSince(pool: Pool, since: Date, batch = 1000): AsyncGenerator<AuditEventRow> {
  let cursor = '0';
  for (;;) {
    const { rows } = await pool.query('SELECT * FROM audit_events WHERE occurred_at >= $1 AND seq > $2 ORDER BY seq LIMIT $3', [since, cursor, batch]);
    for (const raw of rows) {
      const row = AuditEventRowSchema.parse(raw);
      cursor = row.seq;
      yield row;
    }
    if (rows.length < batch) return;
  }
}
