import { ApplicationFailure } from '@temporalio/common';
import type { ApprovalEvent } from '../src/notifiers/approval-event.ts';
import { NotifierError } from '../src/notifiers/notifier-error.ts';
import type { NotifierName } from '../src/notifiers/notifier-spec.ts';
import type { ActivityDeps } from './activity-deps.ts';

export interface NotifyInput {
  actionId: string;
  notifier: NotifierName;
  event: ApprovalEvent;
}

/** Hands one approval event to one notifier; Temporal's retry policy makes the further attempts. */
export function notifyActivity(deps: ActivityDeps) {
  return async function notify(input: NotifyInput): Promise<void> {
    const notifier = deps.notifiers.get(input.notifier);
    if (!notifier) {
      const fix = input.notifier === 'email' ? 'set SMTP_URL in the worker\'s environment' : `add notifiers.${input.notifier} to the policy`;
      throw ApplicationFailure.nonRetryable(`the ${input.notifier} notifier is not configured on this worker; ${fix}`, 'notifier_failed');
    }
    try {
      await notifier.notify(input.event);
    } catch (error) {
      if (error instanceof NotifierError && !error.retryable) throw ApplicationFailure.nonRetryable(error.message, error.code);
      throw error;
    }
  };
}
