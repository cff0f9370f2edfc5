import type { JsonValue } from './json-value.ts';

/** What an executor publishes: the audited (possibly redacted) draft and params of one action. */
export interface PublishInput {
  actionId: string;
  /** The same key twice performs the action once. */
  idempotencyKey: string;
  action: string;
  resource: string;
  draft: string;
  params: Record<string, JsonValue>;
}

/** Proof of what an executor did. JSON-safe: it goes into Temporal history and audit events. */
export interface Receipt {
  executor: 'ledger' | 'http';
  reference: string;
  details: Record<string, JsonValue>;
}

/** The PUBLISH step's side of an action. The worker holds the credentials; the agent never does. */
export interface Executor {
  /** Performs the action; idempotent on `input.idempotencyKey`. */
  execute(input: PublishInput): Promise<Receipt>;
  /**
   * Undoes the action; idempotent. `receipt` is null when publishing failed midway: compensate
   * whatever may exist.
   */
  compensate(input: PublishInput, receipt: Receipt | null): Promise<Receipt>;
  /** Checks what was published, when the executor has such a check. */
  verify?(input: PublishInput, receipt: Receipt): Promise<{ passed: boolean; detail: string }>;
}
