import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { signAttestation } from '../../approvals/sign-attestation.ts';
import { GOVERNOR_SUBJECT } from '../../governor/resume-rules.ts';
import { GOVERNOR_WORKFLOW_ID, governorStatusQuery, resumeUpdate } from '../../../workflows/messages.ts';
import { ExitCode, type CliDeps } from '../cli-deps.ts';
import { requireSigner } from '../signer.ts';

export interface ResumeOptions {
  json?: boolean;
}

/** `resume`: lifts the freeze, attesting the current freeze's epoch as the CLI channel. */
export async function resume(deps: CliDeps, options: ResumeOptions = {}): Promise<number> {
  const signer = requireSigner(deps);
  if (signer === undefined) return ExitCode.Refused;
  const governor = deps.temporal.workflow.getHandle(GOVERNOR_WORKFLOW_ID);
  try {
    const status = await governor.query(governorStatusQuery);
    const attestation = signAttestation(signer.privateKey, {
      actionId: GOVERNOR_SUBJECT,
      actionHash: status.epoch,
      approver: signer.operator,
      decision: 'approve',
      channel: 'cli',
    });
    const after = await governor.executeUpdate(resumeUpdate, { args: [{ approver: signer.operator, channel: 'cli', attestation }] });
    deps.out(options.json ? JSON.stringify(after) : 'resumed');
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      if (options.json) deps.out(JSON.stringify({ resumed: false, code: error.cause.type, message: error.cause.message }));
      else deps.err(`refused: ${error.cause.message}`);
      return ExitCode.Refused;
    }
    if (error instanceof WorkflowNotFoundError) {
      deps.err(`the governor (${GOVERNOR_WORKFLOW_ID}) is not running; start a worker, which starts it`);
      return ExitCode.Refused;
    }
    throw error;
  }
}
