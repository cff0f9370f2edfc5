import type { WorkflowHandle } from '@temporalio/client';
import type { ActionOutcome } from '../action/action-state.ts';

/** Tier 0–1: allowed at once and audited; the agent performs the action itself. */
export interface AllowedAction {
  kind: 'allowed';
  actionId: string;
  tier: number;
  rule: string;
}

/** Tier 2+: a governedAction workflow carries the action; `result()` is its final outcome. */
export interface GovernedAction {
  kind: 'governed';
  actionId: string;
  tier: number;
  rule: string;
  workflowId: string;
  handle: WorkflowHandle;
  result(): Promise<ActionOutcome>;
}

export type StartActionResult = AllowedAction | GovernedAction;
