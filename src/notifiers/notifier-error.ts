import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';

export interface NotifierErrorOptions {
  /** True when a later attempt may succeed: 5xx, 429, network errors, timeouts. */
  retryable: boolean;
  /** The HTTP status the target answered, when it answered. */
  status?: number;
  cause?: unknown;
}

/** A notifier could not deliver an event. */
export class NotifierError extends CountersignError {
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(message: string, options: NotifierErrorOptions) {
    super(ErrorCode.NotifierFailed, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'NotifierError';
    this.retryable = options.retryable;
    this.status = options.status;
  }
}
