import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-event.ts';
import type { AuditEventType } from '../audit/audit-event.ts';
import type { DbClient } from '../db/pool.ts';
import { findAction } from './action-store.ts';
import { recordTransition } from './record-transition.ts';

export interface Refusal {
  /** The action it is about; null, or an id no action has, puts it on the global trail. */
  actionId: string | null;
  type: AuditEventType;
  actor: string;
  reason: string;
  payload: Record<string, unknown>;
  /** For the global trail; an action's event carries the action's own version. */
  policyVersion: string;
  at: Date;
}

/**
 * Audits something a channel refused before it reached a workflow: on the action's trail when
 * the action exists, else on the global one naming the id it was asked about. Each refusal is
 * its own event (a random key), so repeated attempts are all on the record.
 */
export async function recordRefusal(client: DbClient, r: Refusal): Promise<void> {
  const action = r.actionId === null ? undefined : await findAction(client, r.actionId);
  if (action) {
    await recordTransition(client, {
      actionId: action.action_id,
      eventKey: `${action.action_id}:${r.type}:${randomUUID()}`,
      type: r.type,
      actor: r.actor,
      reason: r.reason,
      policyVersion: action.policy_version,
      payload: r.payload,
      occurredAt: r.at,
    });
    return;
  }
  await appendAuditEvent(client, {
    eventKey: `no-action:${r.type}:${randomUUID()}`,
    occurredAt: r.at,
    actionId: null,
    type: r.type,
    actor: r.actor,
    policyVersion: r.policyVersion,
    // The id came from a request: kept short, as anyone may have typed it.
    payload: { ...r.payload, reason: r.reason, ...(r.actionId === null ? {} : { askedActionId: r.actionId.slice(0, 80) }) },
  });
}
