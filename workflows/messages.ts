import * as wf from '@temporalio/workflow';
import type { ActionStatus } from '../src/action/action-status.ts';
import type { KillArgsInput } from '../src/action/kill-args.ts';
import type { CiResultArgs, RollbackArgs } from '../src/action/signal-args.ts';
import type { Decision } from '../src/approvals/decision.ts';
import type { GovernorStatus } from '../src/governor/governor-status.ts';

// The contract of DESIGN.md: wire names never change. Callers (client, CLI, Slack) import these
// without importing workflow code.

export const GOVERNED_ACTION_WORKFLOW = 'governedAction';
export const actionWorkflowId = (actionId: string): string => `action-${actionId}`;
export const GOVERNOR_WORKFLOW = 'governor';
export const GOVERNOR_WORKFLOW_ID = 'countersign-governor';

/** What an accepted `approve` or `reject` answers. */
export interface DecisionResult {
  accepted: true;
  decision: 'approve' | 'reject';
  approvals: number;
  quorum: number;
  /** "accepted, 1 of 2" or "rejected by bob". */
  message: string;
}

// governedAction
export const rollbackSignal = wf.defineSignal<[RollbackArgs]>('rollback');
export const ciResultSignal = wf.defineSignal<[CiResultArgs]>('ciResult');
export const killSignal = wf.defineSignal<[KillArgsInput]>('kill');
export const approveUpdate = wf.defineUpdate<DecisionResult, [Decision]>('approve');
export const rejectUpdate = wf.defineUpdate<DecisionResult, [Decision]>('reject');
export const statusQuery = wf.defineQuery<ActionStatus>('status');

// governor
export const killAllSignal = wf.defineSignal<[KillArgsInput]>('killAll');
export const resumeUpdate = wf.defineUpdate<GovernorStatus, [Decision]>('resume');
export const governorStatusQuery = wf.defineQuery<GovernorStatus>('status');
