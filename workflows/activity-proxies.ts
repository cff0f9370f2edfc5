import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities/create-activities.ts';
import type { ActionPlan } from '../src/action/action-plan.ts';

// Steps retry without limit on infrastructure errors (nothing is lost while PostgreSQL is away);
// activities turn errors no retry can fix into non-retryable failures.
export const steps = wf.proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
});
// Notifications never hold the action up; a notifier that stays down is audited and given up.
export const notifications = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 8 },
});

// A ledger write is quick; an http call may take its configured timeout. A worker that dies while
// an executor runs is noticed when this runs out, so it is kept close to the executor's own.
const LEDGER_STEP_MS = 30_000;
const EXECUTOR_MARGIN_MS = 10_000;

/** The publish, verify and compensate steps, timed by the action's executor. */
export function executorSteps(plan: ActionPlan) {
  const executorMs = plan.executor?.type === 'http' ? plan.executor.timeout : LEDGER_STEP_MS;
  return wf.proxyActivities<Activities>({
    startToCloseTimeout: executorMs + EXECUTOR_MARGIN_MS,
    retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
  });
}
