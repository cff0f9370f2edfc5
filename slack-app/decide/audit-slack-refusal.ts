import type { AuditEventType } from '../../src/audit/audit-event.ts';
import { inTransaction, type Pool } from '../../src/db/pool.ts';
import { recordRefusal } from '../../src/read-model/record-refusal.ts';

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
  const { type, actor, reason } = refusal;
  const payload = { asked: refusal.asked, channel: 'slack', code: refusal.code };
  await inTransaction(pool, (client) => recordRefusal(client, { actionId, type, actor, reason, payload, policyVersion, at }));
}
