import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';

/** The error codes a policy refusal carries; each names a kind of rule. */
export const POLICY_REFUSAL_CODES = [
  ErrorCode.AgentUnknown,
  ErrorCode.NotInManifest,
  ErrorCode.ActionBlacklisted,
  ErrorCode.ResourceBlacklisted,
  ErrorCode.RateLimited,
  ErrorCode.OutsideOperatingHours,
  ErrorCode.DecisionMatrixRefused,
] as const;
export type PolicyRefusalCode = (typeof POLICY_REFUSAL_CODES)[number];

/** Whether a code (read back from an audit event, say) is one a policy refusal carries. */
export function isPolicyRefusalCode(code: unknown): code is PolicyRefusalCode {
  return POLICY_REFUSAL_CODES.some((c) => c === code);
}

/**
 * Thrown when the policy refuses an action request. `rule` names the entry of the policy file
 * that refused it (`manifest`, `blacklist.resources`, `rate_limits.agents.bounty-hunter`,
 * `decision_matrix.low_confidence_high_risk`, `agents` for an unknown agent), so the refusal
 * can be audited and the agent or its owner knows what to change.
 */
export class PolicyRefusalError extends CountersignError {
  readonly rule: string;

  // Typed ErrorCode, not PolicyRefusalCode, so that a refusal read back from the audit trail can
  // be rebuilt whatever code it was stored with; the evaluators only ever pass refusal codes.
  constructor(code: ErrorCode, rule: string, message: string) {
    super(code, message);
    this.name = 'PolicyRefusalError';
    this.rule = rule;
  }
}
