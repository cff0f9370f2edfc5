import { WorkflowNotFoundError } from '@temporalio/client';
import { actionWorkflowId, GOVERNOR_WORKFLOW_ID, killAllSignal, killSignal } from '../../../workflows/messages.ts';
import { NO_GOVERNOR } from '../../requests/resume-governor.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { requireOperator } from '../signer.ts';

export interface KillOptions {
  reason: string;
  rollback?: boolean;
  json?: boolean;
}

/**
 * `kill [actionId]`: the safe direction, so no attestation. Without an id, `killAll` on the
 * governor freezes Countersign; with one, `kill` halts that action.
 */
export async function kill(deps: CliDeps, actionId: string | undefined, options: KillOptions): Promise<number> {
  const by = requireOperator(deps);
  if (by === undefined) return ExitCode.Refused;
  const reason = options.reason.trim();
  if (!reason) {
    deps.err('give a reason: --reason <text>');
    return ExitCode.Refused;
  }
  const args = { by, reason, rollback: options.rollback ?? false };
  const workflowId = actionId === undefined ? GOVERNOR_WORKFLOW_ID : actionWorkflowId(actionId);
  try {
    const handle = deps.temporal.workflow.getHandle(workflowId);
    if (actionId === undefined) await handle.signal(killAllSignal, args);
    else await handle.signal(killSignal, args);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    deps.err(
      actionId === undefined
        ? NO_GOVERNOR
        : `no running action ${actionId}: the workflow ${workflowId} has ended or does not exist`,
    );
    return ExitCode.Refused;
  }
  const target = actionId === undefined ? 'all actions (Countersign is frozen)' : `action ${actionId}`;
  if (options.json) deps.out(JSON.stringify({ sent: true, target: actionId ?? 'all', ...args }));
  else deps.out(`kill sent to ${target} by ${by}: ${reason}${args.rollback ? ' (with rollback)' : ''}`);
  return ExitCode.Ok;
}
