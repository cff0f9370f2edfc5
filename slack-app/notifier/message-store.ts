import { z } from 'zod';
import type { DbClient, Pool } from '../../src/db/pool.ts';
import { ApprovalEventSchema } from '../../src/notifiers/approval-event.ts';
import type { RequestFacts } from '../blocks/approval-message.ts';

// The slack_messages table: where each approval message went, so later events can update it.

export interface StoredMessage {
  target: string;
  recipient: string | null;
  channel: string;
  ts: string;
  request: RequestFacts;
}

const RowSchema = z.object({
  target: z.string(),
  recipient: z.string().nullable(),
  channel: z.string(),
  ts: z.string(),
  request: ApprovalEventSchema,
});

/**
 * Runs `work` holding a lock on the action's Slack messages: a post and the updates after it,
 * which arrive from parallel notify activities, run one at a time, so the last update Slack
 * receives renders the newest state. A session lock, not a transaction: each message saved stays
 * saved when a later Slack call fails, so the retry does not post it twice.
 */
export async function withActionMessages<T>(pool: Pool, actionId: string, work: (client: DbClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const key = `slack-messages:${actionId}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await work(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    }
  } finally {
    client.release();
  }
}

export async function messagesOf(client: DbClient, actionId: string): Promise<StoredMessage[]> {
  const { rows } = await client.query('SELECT target, recipient, channel, ts, request FROM slack_messages WHERE action_id = $1 ORDER BY created_at, target', [actionId]);
  return rows.map((raw) => {
    const row = RowSchema.parse(raw);
    if (row.request.kind !== 'requested') throw new Error(`slack_messages of ${actionId} holds a ${row.request.kind} event where a request belongs`);
    return { ...row, request: row.request };
  });
}

export async function saveMessage(client: DbClient, actionId: string, message: StoredMessage, at: Date): Promise<void> {
  await client.query(
    `INSERT INTO slack_messages (action_id, target, recipient, channel, ts, request, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (action_id, target) DO NOTHING`,
    [actionId, message.target, message.recipient, message.channel, message.ts, JSON.stringify(message.request), at],
  );
}

export async function touchMessage(client: DbClient, actionId: string, target: string, at: Date): Promise<void> {
  await client.query('UPDATE slack_messages SET updated_at = $3 WHERE action_id = $1 AND target = $2', [actionId, target, at]);
}
