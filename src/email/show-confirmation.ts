import { inTransaction } from '../db/pool.ts';
import { findAction, loadRequest } from '../read-model/action-store.ts';
import type { ApprovalLinkParams } from './approval-link.ts';
import { checkEmailLink, tokenHashOf } from './check-email-link.ts';
import { csrfKey, signCsrf } from './csrf-token.ts';
import { confirmationPage, messagePage, type ActionSummary } from './decision-pages.ts';
import type { EmailApprovalDeps, PageAnswer } from './email-approval-deps.ts';
import { findEmailToken, type EmailTokenRow } from './token-store.ts';

/** The token row a link names, when the token is well-formed and known. */
export async function findLinkToken(deps: EmailApprovalDeps, params: ApprovalLinkParams): Promise<EmailTokenRow | undefined> {
  const hash = tokenHashOf(params.token);
  return hash === undefined ? undefined : inTransaction(deps.pool, (c) => findEmailToken(c, hash));
}

/** The action as the confirmation page shows it, or a page saying why nothing is left to decide. */
export async function summaryOf(deps: EmailApprovalDeps, token: EmailTokenRow): Promise<ActionSummary | PageAnswer> {
  const found = await inTransaction(deps.pool, async (c) => {
    const row = await findAction(c, token.action_id);
    return row && { row, request: await loadRequest(c, token.action_id) };
  });
  if (!found) return { status: 404, html: messagePage('This link is not valid', 'Countersign has no such action.') };
  const { row, request } = found;
  if (row.state !== 'awaiting_approval') {
    return { status: 409, html: messagePage('Nothing left to decide', `This action is no longer waiting for a decision: it is ${row.state.replace(/_/g, ' ')}. Your link decided nothing.`) };
  }
  return {
    actionId: row.action_id,
    action: row.action,
    resource: row.resource,
    agentId: row.agent_id,
    taskId: row.task_id,
    tier: row.tier,
    reasoning: request.decision.reasoning,
    confidence: request.decision.confidence,
    risk: request.decision.risk,
    deadline: token.expires_at.toISOString(),
    actionHash: token.action_hash,
    approver: token.approver,
  };
}

/**
 * GET (and HEAD) of an approval link: reads, never writes. A good link shows the action and a
 * form with a CSRF token; anything else a page saying why it cannot decide.
 */
export async function showConfirmation(deps: EmailApprovalDeps, params: ApprovalLinkParams, notice?: string): Promise<PageAnswer> {
  const row = await findLinkToken(deps, params);
  const now = deps.now();
  const check = checkEmailLink(params, row, now);
  if (!check.ok) return { status: check.status, html: messagePage(check.title, check.message) };
  const summary = await summaryOf(deps, check.token);
  if ('html' in summary) return summary;
  if (deps.emailPrivateKey === undefined) {
    return { status: 503, html: messagePage('Email decisions are off', 'This server has no key for the email channel (COUNTERSIGN_EMAIL_PRIVATE_KEY), so it cannot sign a decision. Decide through another channel, or ask the operator to configure it.') };
  }
  const issued = String(now.getTime());
  const csrf = signCsrf(csrfKey(deps.emailPrivateKey), check.token.token_hash, params.decision, now.getTime());
  const html = confirmationPage(summary, {
    decision: params.decision,
    csrf,
    issued,
    confirmRequired: summary.tier >= 4,
    ...(notice === undefined ? {} : { notice }),
  });
  return { status: 200, html };
}
