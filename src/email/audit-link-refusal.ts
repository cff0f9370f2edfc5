import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../audit/append-event.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { findAction } from '../read-model/action-store.ts';
import type { ApprovalLinkParams } from './approval-link.ts';
import type { LinkRefusal } from './check-email-link.ts';
import type { EmailTokenRow } from './token-store.ts';

/**
 * Audits a POST that a link could not decide (unknown, changed, used, expired token, or a bad
 * form): on the action the URL names when it exists, else on no action. Never the token itself.
 * A URL that names neither an action nor a token is anyone's noise: it is only logged, so
 * strangers cannot fill the chain (whose appends are serialised) with it.
 */
export async function auditLinkRefusal(pool: Pool, params: ApprovalLinkParams, row: EmailTokenRow | undefined, refusal: LinkRefusal, at: Date): Promise<void> {
  await inTransaction(pool, async (client) => {
    const action = await findAction(client, params.actionId);
    if (!action && !row) return;
    await appendAuditEvent(client, {
      eventKey: `${action ? params.actionId : 'no-action'}:email_link_refused:${randomUUID()}`,
      occurredAt: at,
      actionId: action ? params.actionId : null,
      type: 'email_link_refused',
      actor: row?.approver ?? 'unknown',
      policyVersion: action?.policy_version ?? 'unknown',
      payload: {
        code: refusal.code,
        reason: refusal.message,
        decision: params.decision,
        channel: 'email',
        ...(action ? {} : { urlActionId: params.actionId.slice(0, 80) }),
        ...(row && row.action_id !== params.actionId ? { tokenActionId: row.action_id } : {}),
      },
    });
  });
}
