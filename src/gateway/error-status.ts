import { ErrorCode } from '../errors/countersign-error.ts';

/** The HTTP status each error code the gateway can answer maps to; policy refusals are 403. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.RequestMalformed]: 400,
  [ErrorCode.ApiKeyMissing]: 401,
  [ErrorCode.ApiKeyInvalid]: 401,
  [ErrorCode.ApiKeyRevoked]: 401,
  [ErrorCode.AgentMismatch]: 403,
  [ErrorCode.AgentUnknown]: 403,
  [ErrorCode.NotInManifest]: 403,
  [ErrorCode.ActionBlacklisted]: 403,
  [ErrorCode.ResourceBlacklisted]: 403,
  [ErrorCode.RateLimited]: 403,
  [ErrorCode.OutsideOperatingHours]: 403,
  [ErrorCode.DecisionMatrixRefused]: 403,
  [ErrorCode.Frozen]: 403,
  [ErrorCode.ActionNotFound]: 404,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.IdempotencyConflict]: 409,
  [ErrorCode.RollbackWindowClosed]: 409,
  [ErrorCode.RollbackRefused]: 409,
  [ErrorCode.RequestTooLarge]: 413,
  [ErrorCode.RequestInvalid]: 422,
  [ErrorCode.TooManyRequests]: 429,
};

/** The status for a Countersign error code; 500 for one an agent's request cannot cause. */
export function errorStatus(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}
