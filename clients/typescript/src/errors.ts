import type { FieldIssue } from './types.ts';

/**
 * Every refusal and failure the gateway answers, with its stable code (`policy_not_in_manifest`,
 * `request_invalid`, `api_key_revoked`, …) and a message that says what to do.
 */
export class CountersignError extends Error {
  readonly code: string;
  /** The HTTP status, or 0 when the gateway could not be reached. */
  readonly status: number;
  /** For 429: seconds until a request may succeed. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, message: string, status: number, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CountersignError';
    this.code = code;
    this.status = status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** The policy refused the request; `rule` names the entry that did (`manifest`, `blacklist.resources`, …). */
export class PolicyRefusalError extends CountersignError {
  readonly rule: string;

  constructor(code: string, message: string, status: number, rule: string) {
    super(code, message, status);
    this.name = 'PolicyRefusalError';
    this.rule = rule;
  }
}

/** The request did not fit the schema; `issues` names every bad field by its dotted path. */
export class RequestInvalidError extends CountersignError {
  readonly issues: readonly FieldIssue[];

  constructor(message: string, status: number, issues: readonly FieldIssue[]) {
    super('request_invalid', message, status);
    this.name = 'RequestInvalidError';
    this.issues = issues;
  }
}
