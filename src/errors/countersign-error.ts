/**
 * Stable error codes. They reach audit events, update rejections and HTTP bodies, so they are
 * contract: never reuse or rename one.
 */
export const ErrorCode = {
  ConfigInvalid: 'config_invalid',
  PolicyInvalid: 'policy_invalid',
  PolicyNotFound: 'policy_not_found',
  RequestInvalid: 'request_invalid',
  AgentUnknown: 'policy_agent_unknown',
  NotInManifest: 'policy_not_in_manifest',
  ActionBlacklisted: 'policy_action_blacklisted',
  ResourceBlacklisted: 'policy_resource_blacklisted',
  RateLimited: 'policy_rate_limited',
  OutsideOperatingHours: 'policy_outside_operating_hours',
  DecisionMatrixRefused: 'policy_decision_matrix_refused',
  IdempotencyConflict: 'idempotency_key_conflict',
  ActionNotFound: 'action_not_found',
  RollbackWindowClosed: 'rollback_window_closed',
  RollbackRefused: 'rollback_refused',
  ExecutorFailed: 'executor_failed',
  ExecutorMisconfigured: 'executor_misconfigured',
  DlpBlocked: 'dlp_blocked',
  TemporalCliNotFound: 'temporal_cli_not_found',
  AttestationMissing: 'attestation_missing',
  AttestationInvalid: 'attestation_invalid',
  AttestationStale: 'attestation_stale',
  AttestationReplayed: 'attestation_replayed',
  AttestationMismatch: 'attestation_mismatch',
  ChannelUnknown: 'channel_unknown',
  ChannelKeyMissing: 'channel_key_missing',
  ChannelKeyInvalid: 'channel_key_invalid',
  NotifierFailed: 'notifier_failed',
  DecisionInvalid: 'decision_invalid',
  DecisionClosed: 'decision_closed',
  OwnAgentAction: 'own_agent_action',
  NotAnApprover: 'not_an_approver',
  AlreadyApproved: 'already_approved',
  ConfirmationRequired: 'confirmation_required',
  NotAnOperator: 'not_an_operator',
  Frozen: 'frozen',
  EmailLinkUnknown: 'email_link_unknown',
  EmailLinkMismatch: 'email_link_mismatch',
  EmailLinkUsed: 'email_link_used',
  EmailLinkExpired: 'email_link_expired',
  EmailFormInvalid: 'email_form_invalid',
  EmailNotConfigured: 'email_not_configured',
  ApiKeyMissing: 'api_key_missing',
  ApiKeyInvalid: 'api_key_invalid',
  ApiKeyRevoked: 'api_key_revoked',
  AgentMismatch: 'agent_mismatch',
  AgentKeyLimit: 'agent_key_limit',
  AgentKeyNotFound: 'agent_key_not_found',
  RequestMalformed: 'request_malformed',
  RequestTooLarge: 'request_too_large',
  TooManyRequests: 'too_many_requests',
  NotFound: 'not_found',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const CODES = new Set<string>(Object.values(ErrorCode));

/** True for a code of ours, e.g. one read back from an audit event or a workflow failure. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

export class CountersignError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CountersignError';
    this.code = code;
  }
}
