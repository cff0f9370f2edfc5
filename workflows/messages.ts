import * as wf from '@temporalio/workflow';
import type { ActionStatus } from '../src/action/action-status.ts';
import type { CiResultArgs, RollbackArgs } from '../src/action/signal-args.ts';

// The contract of DESIGN.md: wire names never change. Callers (client, CLI, Slack) import these
// without importing workflow code.

export const GOVERNED_ACTION_WORKFLOW = 'governedAction';
export const actionWorkflowId = (actionId: string): string => `action-${actionId}`;

export const rollbackSignal = wf.defineSignal<[RollbackArgs]>('rollback');
export const ciResultSignal = wf.defineSignal<[CiResultArgs]>('ciResult');
export const statusQuery = wf.defineQuery<ActionStatus>('status');
