import { appendAuditEvent } from '../audit/append-event.ts';
import type { AuditEventType } from '../audit/audit-event.ts';
import type { ActionState } from '../action/action-state.ts';
import type { DbClient } from '../db/pool.ts';

export interface Transition {
  actionId: string;
  /** Unique per transition of this action, so a retried step changes nothing. */
  eventKey: string;
  type: AuditEventType;
  /** The action's new state; absent for events that leave it as it is (a refused rollback). */
  state?: ActionState;
  reason?: string | null;
  actor: string;
  policyVersion: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  actionHash?: string;
  windowClosesAt?: Date | null;
}

/**
 * Writes one transition: the action's row in the read model and its audit event, in the
 * caller's transaction. The event goes last because it holds the chain's lock until commit.
 * Returns false when this transition was already recorded (a retry), changing nothing.
 */
export async function recordTransition(client: DbClient, t: Transition): Promise<boolean> {
  const seen = await client.query('SELECT 1 FROM audit_events WHERE event_key = $1', [t.eventKey]);
  if (seen.rowCount) return false;
  if (t.state !== undefined) {
    await client.query(
      `UPDATE actions SET state = $2, reason = COALESCE($3, reason), updated_at = $4,
         action_hash = COALESCE($5, action_hash),
         window_closes_at = CASE WHEN $6::boolean THEN $7 ELSE window_closes_at END
       WHERE action_id = $1`,
      [
        t.actionId,
        t.state,
        t.reason ?? null,
        t.occurredAt,
        t.actionHash ?? null,
        t.windowClosesAt !== undefined,
        t.windowClosesAt ?? null,
      ],
    );
  }
  await appendAuditEvent(client, {
    eventKey: t.eventKey,
    occurredAt: t.occurredAt,
    actionId: t.actionId,
    type: t.type,
    actor: t.actor,
    policyVersion: t.policyVersion,
    payload: t.reason ? { ...t.payload, reason: t.reason } : t.payload,
  });
  return true;
}
