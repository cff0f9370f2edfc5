import type { ApprovalEvent } from './approval-event.ts';

/**
 * Where approval events go. The workflow's notify activity calls `notify` for each configured
 * notifier (the `log` one the workflow writes itself), so Slack and email plug in without
 * touching the workflow.
 *
 * `notify` throws to be retried: a notifier makes one attempt, and Temporal's activity retry
 * policy makes the next ones. An error no retry can fix (a 4xx, a missing variable) is a
 * NotifierError with `retryable: false`, which the activity turns into a non-retryable failure.
 * Deliveries carry an idempotency key (`<actionId>:<kind>[:<approver>]`), as a retry may
 * repeat one.
 */
export interface Notifier {
  readonly name: string;
  notify(event: ApprovalEvent): Promise<void>;
}
