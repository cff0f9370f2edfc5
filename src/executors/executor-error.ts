import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';

export type ExecutorErrorCode = typeof ErrorCode.ExecutorFailed | typeof ErrorCode.ExecutorMisconfigured;

export interface ExecutorErrorOptions {
  /** True when a later attempt may succeed: 5xx, 429, network errors, timeouts. */
  retryable: boolean;
  /** The HTTP status the target answered, when it answered. */
  status?: number;
  cause?: unknown;
}

/** An executor could not perform, undo or verify an action. */
export class ExecutorError extends CountersignError {
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(code: ExecutorErrorCode, message: string, options: ExecutorErrorOptions) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExecutorError';
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/** A configuration problem no retry fixes: a missing variable, a bad parameter type. */
export function misconfigured(message: string, cause?: unknown): ExecutorError {
  return new ExecutorError(ErrorCode.ExecutorMisconfigured, message, { retryable: false, cause });
}
