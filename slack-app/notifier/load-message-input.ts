import { z } from 'zod';
import type { DbClient } from '../../src/db/pool.ts';
import { CountersignError, ErrorCode } from '../../src/errors/countersign-error.ts';
import { findAction, loadDraft } from '../../src/read-model/action-store.ts';
import type { ApprovalMessageInput, RequestFacts } from '../blocks/approval-message.ts';
import type { HistoryEvent } from '../blocks/history-lines.ts';
import type { People } from '../identity/slack-people.ts';

const EventRowSchema = z.object({ type: z.string(), actor: z.string(), payload: z.record(z.string(), z.unknown()) });

/**
 * Everything the approval message shows, read from the read model and the audit trail (never
 * from the event that triggered the update: events arrive out of order, the database does not).
 * The draft is the publishable one, with DLP's redactions; drafts never enter Temporal.
 */
export async function loadMessageInput(client: DbClient, request: RequestFacts, people: People, now: Date): Promise<ApprovalMessageInput> {
  const row = await findAction(client, request.actionId);
  if (!row) throw new CountersignError(ErrorCode.ActionNotFound, `no action ${request.actionId} in the read model`);
  const { rows } = await client.query('SELECT type, actor, payload FROM audit_events WHERE action_id = $1 ORDER BY seq', [request.actionId]);
  const events: HistoryEvent[] = rows.map((raw) => EventRowSchema.parse(raw));
  let draft: string | undefined;
  try {
    draft = (await loadDraft(client, request.actionId, 'publishable')).draft;
  } catch (error) {
    // Only a missing draft is expected (an action blocked before its scan); it is not shown.
    if (!(error instanceof CountersignError && error.code === ErrorCode.ActionNotFound)) throw error;
  }
  const windowOpen =
    row.state === 'published' && row.window_closes_at !== null && row.window_closes_at > now && !events.some((e) => e.type === 'window_closed');
  return { request, draft, state: row.state, events, rollbackUntil: windowOpen ? (row.window_closes_at ?? undefined) : undefined, people };
}
