import { WorkflowNotFoundError } from '@temporalio/client';
import type { Decision, DecisionKind } from '../../approvals/decision.ts';
import { signAttestation } from '../../approvals/sign-attestation.ts';
import { createSubmitDecision, DecisionRefusedError } from '../../approvals/submit-decision.ts';
import { actionWorkflowId, statusQuery } from '../../../workflows/messages.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { requireSigner } from '../signer.ts';

export interface DecideOptions {
  comment?: string;
  reason?: string;
  confirm?: boolean;
  json?: boolean;
}

/** The hash of the action as it stands now, which the attestation signs; undefined after a line on err. */
async function currentActionHash(deps: CliDeps, actionId: string): Promise<string | undefined> {
  try {
    const status = await deps.temporal.workflow.getHandle(actionWorkflowId(actionId)).query(statusQuery);
    if (status.actionHash) return status.actionHash;
    deps.err(`action ${actionId} is not waiting for a decision (it is ${status.state})`);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    deps.err(`no action ${actionId}: the workflow ${actionWorkflowId(actionId)} does not exist`);
  }
  return undefined;
}

/** `approve` and `reject`: signs the decision as the CLI channel and delivers it as the update. */
export async function decide(deps: CliDeps, kind: DecisionKind, actionId: string, options: DecideOptions = {}): Promise<number> {
  const signer = requireSigner(deps);
  if (signer === undefined) return ExitCode.Refused;
  const actionHash = await currentActionHash(deps, actionId);
  if (actionHash === undefined) return ExitCode.Refused;
  const confirm = kind === 'approve' && options.confirm === true ? { confirm: true as const } : {};
  const attestation = signAttestation(signer.privateKey, { actionId, actionHash, approver: signer.operator, decision: kind, channel: 'cli', ...confirm });
  const decision: Decision = {
    approver: signer.operator,
    channel: 'cli',
    attestation,
    ...(options.comment === undefined ? {} : { comment: options.comment }),
    ...(options.reason === undefined ? {} : { reason: options.reason }),
    ...(options.confirm ? { confirm: true } : {}),
  };
  const submit = createSubmitDecision({ pool: deps.pool, temporal: deps.temporal });
  try {
    const result = await submit(actionId, kind, decision);
    deps.out(options.json ? JSON.stringify(result) : result.message);
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof DecisionRefusedError)) throw error;
    if (options.json) deps.out(JSON.stringify({ accepted: false, code: error.code, message: error.message }));
    else deps.err(`refused: ${error.message}`);
    return ExitCode.Refused;
  }
}
