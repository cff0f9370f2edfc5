import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../../src/audit/append-event.ts';
import type { AuditEventType } from '../../src/audit/audit-event.ts';
import { inTransaction, type Pool } from '../../src/db/pool.ts';
import { findAction } from '../../src/read-model/action-store.ts';
import { recordTransition } from '../../src/read-model/record-transition.ts';

export interface SlackRefusal {
  type: Extract<AuditEventType, 'decision_refused' | 'rollback_refused' | 'signal_refused'>;
  /** The person, or `slack:<user id>` for a Slack user the policy does not know. */
  actor: string;
  code: string;
  reason: string;
  /** What was asked: approve, reject, rollback, killAll, resume. */
  asked: string;
}

/**
 * Audits a request this app refused before it reached Temporal (an unlinked user, a
 * non-operator's kill), as submitDecision audits the workflow's refusals. Refusals about one
 * action go on its trail; operator commands on the global one.
 */
export async function auditSlackRefusal(pool: Pool, actionId: string | null, refusal: SlackRefusal, policyVersion: string, at: Date): Promise<void> {
  const payload = { asked: refusal.asked, channel: 'slack', code: refusal.code };
  await inTransaction(pool, async (client) => {
    const row = actionId === null ? undefined : await findAction(client, actionId);
    if (actionId !== null && row) {
      await recordTransition(client, {
        actionId,
        eventKey: `${actionId}:${refusal.type}:${randomUUID()}`,
        type: refusal.type,
        actor: refusal.actor,
        reason: refusal.reason,
        policyVersion: row.policy_version,
        payload,
        occurredAt: at,
      });
      return;
    }
    await appendAuditEvent(client, {
      eventKey: `slack:${refusal.type}:${randomUUID()}`,
      occurredAt: at,
      actionId: null,
      type: refusal.type,
      actor: refusal.actor,
      policyVersion,
      payload: { ...payload, reason: refusal.reason, ...(actionId === null ? {} : { actionId }) },
    });
  });
}
