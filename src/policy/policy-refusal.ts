import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';

/** The error codes a policy refusal carries; each names a kind of rule. */
export type PolicyRefusalCode =
  | typeof ErrorCode.AgentUnknown
  | typeof ErrorCode.NotInManifest
  | typeof ErrorCode.ActionBlacklisted
  | typeof ErrorCode.ResourceBlacklisted
  | typeof ErrorCode.RateLimited
  | typeof ErrorCode.OutsideOperatingHours
  | typeof ErrorCode.DecisionMatrixRefused;

/**
 * Thrown when the policy refuses an action request. `rule` names the entry of the policy file
 * that refused it (`manifest`, `blacklist.resources`, `rate_limits.agents.bounty-hunter`,
 * `decision_matrix.low_confidence_high_risk`, `agents` for an unknown agent), so the refusal
 * can be audited and the agent or its owner knows what to change.
 */
export class PolicyRefusalError extends CountersignError {
  readonly rule: string;

  constructor(code: PolicyRefusalCode, rule: string, message: string) {
    super(code, message);
    this.name = 'PolicyRefusalError';
    this.rule = rule;
  }
}
