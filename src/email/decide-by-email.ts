import { z } from 'zod';
import type { Sample } from '../audit/refusal-sampler.ts';
import type { Decision } from '../approvals/decision.ts';
import { signAttestation } from '../approvals/sign-attestation.ts';
import { DecisionRefusedError } from '../approvals/submit-decision.ts';
import { inTransaction } from '../db/pool.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import type { DecisionResult } from '../../workflows/messages.ts';
import type { ApprovalLinkParams } from './approval-link.ts';
import { auditLinkRefusal } from './audit-link-refusal.ts';
import { checkEmailLink, type LinkRefusal } from './check-email-link.ts';
import { csrfKey, verifyCsrf } from './csrf-token.ts';
import { messagePage } from './decision-pages.ts';
import type { EmailApprovalDeps, PageAnswer } from './email-approval-deps.ts';
import { findLinkToken, showConfirmation, summaryOf } from './show-confirmation.ts';
import { claimEmailToken, releaseEmailToken } from './token-store.ts';

/** The confirmation form as posted (application/x-www-form-urlencoded). */
export const ConfirmationFormSchema = z.object({
  csrf: z.string().max(200),
  issued: z.string().max(20),
  comment: z.string().max(2_000).optional(),
  confirm: z.literal('yes').optional(),
});

const BAD_FORM: LinkRefusal = {
  code: ErrorCode.EmailFormInvalid,
  status: 403,
  title: 'This form cannot decide',
  message: 'The form was not sent from the page this link shows, or that page is more than an hour old. Open the link from the approval mail again and press the button there.',
};

function outcomePage(result: DecisionResult): PageAnswer {
  if (result.decision === 'reject') {
    return { status: 200, html: messagePage('Rejected', `Your rejection was recorded (${result.message}). Nothing will be published.`) };
  }
  const left = result.quorum - result.approvals;
  return left > 0
    ? { status: 200, html: messagePage('Approval recorded', `Your approval was recorded: ${result.approvals} of ${result.quorum}. The action waits for ${left} more approver${left === 1 ? '' : 's'} before it is published.`) }
    : { status: 200, html: messagePage('Approved', `Your approval was recorded: ${result.approvals} of ${result.quorum}, which completes it. Countersign now publishes the action.`) };
}

/**
 * POST of the confirmation form: the only request that decides. Checks the link, the origin and
 * the CSRF token, uses the link (once), signs the decision with the email channel's key and sends
 * it as the same `approve`/`reject` update every channel sends, whose rules then apply. A link
 * that cannot decide gets a page and an audit event, and nothing reaches Temporal.
 */
export async function decideByEmail(
  deps: EmailApprovalDeps,
  params: ApprovalLinkParams,
  body: unknown,
  origin: string | undefined,
  /** For a token Countersign never issued (a stranger's): whether to audit this one. */
  stranger: () => Sample,
): Promise<PageAnswer> {
  const row = await findLinkToken(deps, params);
  const now = deps.now();
  const refuse = async (refusal: LinkRefusal): Promise<PageAnswer> => {
    const sample = row ? { audit: true as const, suppressed: 0 } : stranger();
    if (sample.audit) await auditLinkRefusal(deps.pool, params, row, refusal, now, sample.suppressed);
    deps.log.info({ actionId: params.actionId, code: refusal.code, audited: sample.audit }, 'email link refused');
    return { status: refusal.status, html: messagePage(refusal.title, refusal.message) };
  };
  const check = checkEmailLink(params, row, now);
  if (!check.ok) return refuse(check);
  const token = check.token;
  const form = ConfirmationFormSchema.safeParse(body);
  const privateKey = deps.emailPrivateKey;
  if (privateKey === undefined) return showConfirmation(deps, params);
  const key = csrfKey(privateKey);
  if (
    (origin !== undefined && origin !== new URL(deps.publicUrl).origin) ||
    !form.success ||
    !verifyCsrf(key, token.token_hash, params.decision, form.data.issued, form.data.csrf, now.getTime())
  ) {
    return refuse(BAD_FORM);
  }
  const summary = await summaryOf(deps, token);
  if ('html' in summary) return summary;
  const approve = params.decision === 'approve';
  if (approve && summary.tier >= 4 && form.data.confirm !== 'yes') {
    // Not a refusal: the person missed the box; the link stays unused.
    return showConfirmation(deps, params, 'This action is destructive: tick the confirmation box to approve it.');
  }

  if (!(await inTransaction(deps.pool, (c) => claimEmailToken(c, token, now)))) {
    return refuse({ code: ErrorCode.EmailLinkUsed, status: 410, title: 'This link was already used', message: 'A decision was already made with your links for this action. Each link works once; nothing more was sent.' });
  }
  const comment = form.data.comment?.trim() || undefined;
  const confirmed = approve && summary.tier >= 4;
  const decision: Decision = {
    approver: token.approver,
    channel: 'email',
    attestation: signAttestation(
      privateKey,
      { actionId: token.action_id, actionHash: token.action_hash, approver: token.approver, decision: params.decision, channel: 'email', ...(confirmed ? { confirm: true as const } : {}) },
      now,
    ),
    ...(comment === undefined ? {} : approve ? { comment } : { reason: comment }),
    ...(confirmed ? { confirm: true } : {}),
  };
  try {
    return outcomePage(await deps.submit(token.action_id, params.decision, decision));
  } catch (error) {
    if (error instanceof DecisionRefusedError) {
      return { status: 409, html: messagePage('Your decision was not accepted', error.message) };
    }
    // It never reached the workflow: give the links back so the person can try again.
    await inTransaction(deps.pool, (c) => releaseEmailToken(c, token, now));
    deps.log.error({ err: error, actionId: token.action_id }, 'email decision could not be delivered');
    return { status: 503, html: messagePage('Try again in a minute', 'Countersign could not deliver your decision just now; nothing was decided and your link still works.') };
  }
}
