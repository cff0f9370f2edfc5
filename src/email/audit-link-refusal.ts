import { inTransaction, type Pool } from '../db/pool.ts';
import { findAction } from '../read-model/action-store.ts';
import { recordRefusal } from '../read-model/record-refusal.ts';
import type { ApprovalLinkParams } from './approval-link.ts';
import type { LinkRefusal } from './check-email-link.ts';
import type { EmailTokenRow } from './token-store.ts';

/**
 * Audits a POST that a link could not decide (unknown, changed, used, expired token, or a bad
 * form): on the action the URL names when it exists, else on no action. Never the token itself.
 * A URL that names neither an action nor a token is anyone's noise: it is only logged, so
 * strangers cannot fill the chain (whose appends are serialised) with it; made-up tokens for a
 * real action are sampled per address by the caller (RefusalSampler).
 */
export async function auditLinkRefusal(
  pool: Pool,
  params: ApprovalLinkParams,
  row: EmailTokenRow | undefined,
  refusal: LinkRefusal,
  at: Date,
  /** Refusals of made-up tokens from the same address only counted since the last audited one. */
  suppressed = 0,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    if (!row && !(await findAction(client, params.actionId))) return;
    await recordRefusal(client, {
      actionId: params.actionId,
      type: 'email_link_refused',
      actor: row?.approver ?? 'unknown',
      reason: refusal.message,
      payload: {
        code: refusal.code,
        decision: params.decision,
        channel: 'email',
        ...(row && row.action_id !== params.actionId ? { tokenActionId: row.action_id } : {}),
        ...(suppressed > 0 ? { suppressed } : {}),
      },
      policyVersion: 'unknown',
      at,
    });
  });
}
