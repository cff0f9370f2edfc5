import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { signAttestation } from '../../src/approvals/sign-attestation.ts';
import { ErrorCode } from '../../src/errors/countersign-error.ts';
import { GOVERNOR_SUBJECT } from '../../src/governor/resume-rules.ts';
import { GOVERNOR_WORKFLOW_ID, governorStatusQuery, killAllSignal, resumeUpdate } from '../../workflows/messages.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { auditSlackRefusal } from '../decide/audit-slack-refusal.ts';
import { personOfSlackUser } from '../identity/slack-people.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

const NO_GOVERNOR = `the governor (${GOVERNOR_WORKFLOW_ID}) is not running; start a worker, which starts it`;

/** The operator behind a Slack user, or the refusal text (audited) when they are not one. */
async function operatorOf(deps: SlackAppDeps, slackUserId: string, asked: 'killAll' | 'resume'): Promise<{ person: string } | { refusal: string }> {
  const person = personOfSlackUser(deps.people, slackUserId);
  if (person !== undefined && deps.operators.includes(person)) return { person };
  const who = person ?? `your Slack account (member ID ${slackUserId}), not linked to anyone in the policy,`;
  const reason = `${who} is not an operator; only ${deps.operators.join(', ') || 'the operators the policy names'} may ${asked === 'killAll' ? 'kill' : 'resume'}`;
  await auditSlackRefusal(deps.pool, null, { type: 'signal_refused', actor: person ?? `slack:${slackUserId}`, code: ErrorCode.NotAnOperator, reason, asked }, deps.policyVersion, deps.now());
  deps.log.info({ slackUser: slackUserId, person, asked }, 'slack operator command refused');
  return { refusal: `:no_entry_sign: Refused: ${escapeMrkdwn(reason)}.` };
}

/** `kill`: the governor's killAll signal (freeze, then halt every open action). */
export async function killAll(deps: SlackAppDeps, slackUserId: string, reason: string, rollback: boolean): Promise<string> {
  const operator = await operatorOf(deps, slackUserId, 'killAll');
  if ('refusal' in operator) return operator.refusal;
  try {
    await deps.temporal.workflow.getHandle(GOVERNOR_WORKFLOW_ID).signal(killAllSignal, { by: operator.person, reason, rollback });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return `:warning: Not sent: ${NO_GOVERNOR}.`;
    throw error;
  }
  deps.log.warn({ by: operator.person, reason, rollback }, 'slack kill all sent');
  return `:octagonal_sign: Kill switch engaged by ${escapeMrkdwn(operator.person)}: ${escapeMrkdwn(reason)}. Every open action is being halted${rollback ? ', and published ones inside their window rolled back' : ''}; nothing pending will be published. \`/countersign resume\` lifts the freeze.`;
}

/** `resume`: the risky direction, so the operator's decision is attested with the Slack key. */
export async function resume(deps: SlackAppDeps, slackUserId: string): Promise<string> {
  const operator = await operatorOf(deps, slackUserId, 'resume');
  if ('refusal' in operator) return operator.refusal;
  const governor = deps.temporal.workflow.getHandle(GOVERNOR_WORKFLOW_ID);
  try {
    const status = await governor.query(governorStatusQuery);
    const attestation = signAttestation(deps.privateKey, { actionId: GOVERNOR_SUBJECT, actionHash: status.epoch, approver: operator.person, decision: 'approve', channel: 'slack' }, deps.now());
    await governor.executeUpdate(resumeUpdate, { args: [{ approver: operator.person, channel: 'slack', attestation }] });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return `:no_entry_sign: Refused: ${escapeMrkdwn(error.cause.message)}`;
    if (error instanceof WorkflowNotFoundError) return `:warning: Not sent: ${NO_GOVERNOR}.`;
    throw error;
  }
  deps.log.warn({ by: operator.person }, 'slack resume accepted');
  return `:large_green_circle: Resumed by ${escapeMrkdwn(operator.person)}: agents' actions are accepted again.`;
}
