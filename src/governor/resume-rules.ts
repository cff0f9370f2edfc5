import { verifyAttestation } from '../approvals/attestation.ts';
import { DecisionSchema, type Decision } from '../approvals/decision.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import type { GovernorInput, GovernorStatus } from './governor-status.ts';

// Pure: the governor's `resume` validator runs this inside the workflow sandbox.

export const GOVERNOR_SUBJECT = 'countersign-governor';

export type ResumeCheck = { ok: true; decision: Decision } | { ok: false; code: string; reason: string };

/**
 * A resume is the risky direction: an operator in the policy, proven by a channel's attestation
 * (decision `approve`, action `countersign-governor`, action hash = the freeze's epoch).
 */
export function checkResume(raw: unknown, input: GovernorInput, status: GovernorStatus, nowMs: number): ResumeCheck {
  const parsed = DecisionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, code: ErrorCode.DecisionInvalid, reason: `malformed resume: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'not a decision'}` };
  }
  const decision = parsed.data;
  if (!status.frozen) return { ok: false, code: ErrorCode.DecisionClosed, reason: 'Countersign is not frozen; there is nothing to resume' };
  if (!decision.attestation) {
    return {
      ok: false,
      code: ErrorCode.AttestationMissing,
      reason: 'a resume must carry an attestation signed by a Countersign channel (the CLI, Slack); one typed into the Temporal UI cannot prove who sent it',
    };
  }
  const attested = verifyAttestation({
    attestation: decision.attestation,
    expected: { actionId: GOVERNOR_SUBJECT, actionHash: status.epoch, approver: decision.approver, decision: 'approve', channel: decision.channel },
    channelKeys: input.channelKeys,
    nowMs,
    maxAgeMs: input.attestationMaxAgeMs,
    seenNonces: new Set(),
  });
  if (!attested.ok) return { ok: false, code: attested.code, reason: attested.reason };
  if (!input.operators.includes(decision.approver)) {
    return {
      ok: false,
      code: ErrorCode.NotAnOperator,
      reason: `${decision.approver} is not an operator; only ${input.operators.join(', ') || 'operators named in the policy'} may resume`,
    };
  }
  return { ok: true, decision };
}
