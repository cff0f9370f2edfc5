import type { ActionStatus } from '../../src/action/action-status.ts';
import { closedReason } from '../../src/approvals/decision-rules.ts';
import { ErrorCode } from '../../src/errors/countersign-error.ts';
import type { DecisionResult } from '../../workflows/messages.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

// Pure: what the clicker reads (an ephemeral message) after a decision was accepted or refused.

export function decisionAcceptedText(result: DecisionResult): string {
  if (result.decision === 'reject') return ':no_entry: Rejected. Nothing will be published; your reason is in the audit trail.';
  const left = result.quorum - result.approvals;
  return left > 0
    ? `:white_check_mark: Accepted: your approval is ${result.approvals} of ${result.quorum}. ${left} more approver${left === 1 ? ' is' : 's are'} needed.`
    : `:white_check_mark: Accepted: ${result.approvals} of ${result.quorum}, which completes the approval. Countersign now publishes the action.`;
}

/**
 * A refusal by the workflow (or this app) in words: the code says which, the message says why.
 * `phase` is the approval phase the status query showed, to tell "expired" from "decided".
 */
export function decisionRefusedText(code: string, message: string, phase?: string): string {
  const why = escapeMrkdwn(message);
  switch (code) {
    case ErrorCode.OwnAgentAction:
      return `:no_entry_sign: You cannot approve your own agent's action. ${why}`;
    case ErrorCode.NotAnApprover:
      return `:no_entry_sign: You are not an approver of this action. ${why}`;
    case ErrorCode.AlreadyApproved:
      return `:information_source: You have already approved this action. ${why}`;
    case ErrorCode.ConfirmationRequired:
      return `:warning: This approval needs your confirmation. ${why}`;
    case ErrorCode.DecisionClosed:
      return phase === 'expired' ? `:hourglass: Expired: this request can no longer be decided. ${why}` : `:information_source: Already decided. ${why}`;
    case ErrorCode.AttestationInvalid:
    case ErrorCode.AttestationStale:
    case ErrorCode.AttestationReplayed:
    case ErrorCode.AttestationMismatch:
    case ErrorCode.AttestationMissing:
      return `:lock: Countersign could not prove this decision came from you; nothing was decided. ${why}`;
    default:
      return `:no_entry_sign: Not accepted. ${why}`;
  }
}

/** A Slack user the policy does not know: nothing is sent to Temporal for them. */
export function unlinkedUserText(slackUserId: string): string {
  return `:no_entry_sign: You are not an approver of this action: your Slack account (member ID ${slackUserId}) is not linked to anyone in the Countersign policy. Ask an operator to add it as \`slack_id\` under \`people:\`.`;
}

/** The decision could not reach Temporal at all (it is down, or the network is). */
export const UNDELIVERED_TEXT = ':warning: Countersign could not deliver your decision just now; nothing was decided. Try again in a minute.';

// The phases in which a finished workflow's status, not its refusal, says best why.
const SETTLED_PHASES = new Set(['approved', 'rejected', 'expired']);

/**
 * Why a closed approval can no longer be decided, from the status query: a finished workflow no
 * longer answers the update with its own reason, but its status still tells.
 */
export function closedApprovalReason(approval: ActionStatus['approval']): string | undefined {
  return approval && SETTLED_PHASES.has(approval.phase) ? closedReason(approval) : undefined;
}
