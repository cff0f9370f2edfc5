import type { ActionState } from '../src/action/action-state.ts';
import type { ActionPlan } from '../src/action/action-plan.ts';
import type { ActionStatus } from '../src/action/action-status.ts';

/** The workflow's one state object: what the status query returns, kept as steps happen. */
export class ActionStatusState {
  readonly status: ActionStatus;
  private eventCounter = 0;

  constructor(plan: ActionPlan) {
    this.status = {
      actionId: plan.actionId,
      agentId: plan.agentId,
      taskId: plan.taskId,
      action: plan.action,
      resource: plan.resource,
      tier: plan.tier,
      rule: plan.rule,
      policyVersion: plan.policyVersion,
      state: 'started',
      findings: [],
      receipts: [],
      steps: [],
    };
  }

  /** Moves to a state and notes the step with the workflow's (deterministic) clock. */
  step(state: ActionState, step: string, detail?: string): void {
    this.status.state = state;
    this.status.steps.push({ step, at: new Date().toISOString(), ...(detail === undefined ? {} : { detail }) });
  }

  /** A unique, replay-stable key for events that may happen more than once (refused signals). */
  nextEventKey(kind: string): string {
    this.eventCounter += 1;
    return `${this.status.actionId}:${kind}:${this.eventCounter}`;
  }
}
