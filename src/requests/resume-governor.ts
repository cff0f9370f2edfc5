import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Channel } from '../approvals/decision.ts';
import { signAttestation } from '../approvals/sign-attestation.ts';
import type { GovernorStatus } from '../governor/governor-status.ts';
import { GOVERNOR_SUBJECT } from '../governor/resume-rules.ts';
import { GOVERNOR_WORKFLOW_ID, governorStatusQuery, resumeUpdate } from '../../workflows/messages.ts';

export const NO_GOVERNOR = `the governor (${GOVERNOR_WORKFLOW_ID}) is not running; start a worker, which starts it`;

export type ResumeAnswer =
  | { resumed: true; status: GovernorStatus }
  | { resumed: false; refused: true; code: string; message: string }
  | { resumed: false; refused: false; message: string };

/**
 * Lifts the freeze the way every channel does: signs the current freeze's epoch as `channel`
 * (so a resume meant for an older freeze cannot lift a newer one) and sends the governor's
 * `resume` update, whose rules (operators only) answer.
 */
export async function resumeGovernor(temporal: Client, signer: { approver: string; channel: Channel; privateKey: string }, now = new Date()): Promise<ResumeAnswer> {
  const governor = temporal.workflow.getHandle(GOVERNOR_WORKFLOW_ID);
  try {
    const { epoch } = await governor.query(governorStatusQuery);
    const attestation = signAttestation(
      signer.privateKey,
      { actionId: GOVERNOR_SUBJECT, actionHash: epoch, approver: signer.approver, decision: 'approve', channel: signer.channel },
      now,
    );
    const status = await governor.executeUpdate(resumeUpdate, { args: [{ approver: signer.approver, channel: signer.channel, attestation }] });
    return { resumed: true, status };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      return { resumed: false, refused: true, code: error.cause.type ?? 'refused', message: error.cause.message };
    }
    if (error instanceof WorkflowNotFoundError) return { resumed: false, refused: false, message: NO_GOVERNOR };
    throw error;
  }
}
