import type { ActionPlan } from '../action/action-plan.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { verifyAttestation } from './attestation.ts';
import { DecisionSchema, type Decision, type DecisionKind } from './decision.ts';

// Pure: the `approve` and `reject` update validators run these rules inside the workflow sandbox.

export type ApprovalRules = NonNullable<ActionPlan['approval']>;

export interface AcceptedApproval {
  approver: string;
  channel: string;
  at: string;
  comment?: string;
}

/** Where the approval wait stands; kept by the workflow, read by the rules. */
export interface ApprovalProgress {
  phase: 'not_yet' | 'awaiting' | 'approved' | 'rejected' | 'expired' | 'closed';
  actionId: string;
  actionHash: string | undefined;
  deadline: string | undefined;
  approvals: AcceptedApproval[];
  rejectedBy?: string;
  seenNonces: string[];
}

export type DecisionCheck = { ok: true; decision: Decision } | { ok: false; code: string; reason: string };

const refuse = (code: string, reason: string): DecisionCheck => ({ ok: false, code, reason });

/** Why an approval that is not awaiting a decision cannot take one; undefined while it is. */
export function closedReason(progress: Pick<ApprovalProgress, 'phase' | 'approvals' | 'rejectedBy' | 'deadline'>): string | undefined {
  switch (progress.phase) {
    case 'not_yet':
      return 'this action is not waiting for a decision yet; try again once it asks for approval';
    case 'approved':
      return `this action was already approved (${progress.approvals.map((a) => a.approver).join(', ')}); nothing is left to decide`;
    case 'rejected':
      return `this action was already rejected by ${progress.rejectedBy ?? 'an approver'}; nothing is left to decide`;
    case 'expired':
      return `the approval request expired at ${progress.deadline ?? 'its deadline'}; expiry is a rejection, so the agent must ask again`;
    case 'closed':
      return 'this action is no longer waiting for a decision';
    case 'awaiting':
      return undefined;
  }
}

/**
 * Decides whether an `approve` or `reject` may be accepted: well-formed, the action still
 * waiting, a valid attestation from a Countersign channel for this exact action, and a person
 * the policy allows (never the requesting agent's owner for an approve).
 */
export function checkDecision(
  kind: DecisionKind,
  raw: unknown,
  rules: ApprovalRules,
  progress: ApprovalProgress,
  nowMs: number,
): DecisionCheck {
  const parsed = DecisionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      ErrorCode.DecisionInvalid,
      `malformed ${kind}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'not a decision'}; send {"approver", "channel", "attestation", ...}`,
    );
  }
  const decision = parsed.data;
  const closed = closedReason(progress);
  if (closed) return refuse(ErrorCode.DecisionClosed, closed);
  if (!decision.attestation) {
    return refuse(
      ErrorCode.AttestationMissing,
      `an ${kind} must carry an attestation signed by a Countersign channel (Slack, email, CLI or HTTP); one typed into the Temporal UI cannot prove who sent it`,
    );
  }
  const attested = verifyAttestation({
    attestation: decision.attestation,
    expected: { actionId: progress.actionId, actionHash: progress.actionHash ?? '', approver: decision.approver, decision: kind, channel: decision.channel },
    channelKeys: rules.channelKeys,
    nowMs,
    maxAgeMs: rules.attestationMaxAgeMs,
    seenNonces: new Set(progress.seenNonces),
  });
  if (!attested.ok) return refuse(attested.code, attested.reason);

  const who = decision.approver;
  if (kind === 'approve') {
    if (who === rules.owner) return refuse(ErrorCode.OwnAgentAction, `${who} owns the requesting agent and cannot approve its actions; another approver must`);
    if (!rules.approvers.includes(who)) {
      return refuse(
        ErrorCode.NotAnApprover,
        rules.approvers.length === 0
          ? `no one may approve this action: the policy names no approvers for it`
          : `${who} is not an approver of this action; the policy lets ${rules.approvers.join(', ')} approve it`,
      );
    }
    if (progress.approvals.some((a) => a.approver === who)) {
      return refuse(
        ErrorCode.AlreadyApproved,
        `${who} has already approved (${progress.approvals.length} of ${rules.quorum}); the same person counts once, another approver is needed`,
      );
    }
    if (rules.confirmation && decision.confirm !== true) {
      return refuse(ErrorCode.ConfirmationRequired, 'this action is destructive (tier 4): confirm it explicitly ("confirm": true) to approve');
    }
    // The channel signs the confirmation it saw, so "confirm" cannot be added to an approval later.
    if (rules.confirmation && decision.attestation?.confirm !== true) {
      return refuse(ErrorCode.ConfirmationRequired, 'this action is destructive (tier 4): the channel did not sign a confirmation; confirm it there (CLI --confirm, the Slack dialog, the email form)');
    }
  } else if (!rules.approvers.includes(who) && !rules.operators.includes(who) && who !== rules.owner) {
    return refuse(ErrorCode.NotAnApprover, `${who} may not reject this action; approvers, operators and the agent's owner may`);
  }
  return { ok: true, decision };
}
