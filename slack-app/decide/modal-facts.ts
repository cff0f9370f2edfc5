import { z } from 'zod';
import type { Pool } from '../../src/db/pool.ts';
import { ApprovalEventSchema } from '../../src/notifiers/approval-event.ts';
import type { RequestFacts } from '../blocks/approval-message.ts';

const RowSchema = z.object({ request: ApprovalEventSchema });

/** The approval request an action's Slack message shows; undefined when the action has none. */
export async function requestOfMessage(pool: Pool, actionId: string): Promise<RequestFacts | undefined> {
  const { rows } = await pool.query('SELECT request FROM slack_messages WHERE action_id = $1 ORDER BY created_at LIMIT 1', [actionId]);
  if (rows[0] === undefined) return undefined;
  const { request } = RowSchema.parse(rows[0]);
  return request.kind === 'requested' ? request : undefined;
}
