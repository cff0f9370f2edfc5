import { WorkflowNotFoundError } from '@temporalio/client';
import { NO_GOVERNOR, resumeGovernor } from '../../src/requests/resume-governor.ts';
import { ErrorCode } from '../../src/errors/countersign-error.ts';
import { GOVERNOR_WORKFLOW_ID, killAllSignal } from '../../workflows/messages.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { auditSlackRefusal } from '../decide/audit-slack-refusal.ts';
import { personOfSlackUser } from '../identity/slack-people.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

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
  const answer = await resumeGovernor(deps.temporal, { approver: operator.person, channel: 'slack', privateKey: deps.privateKey }, deps.now());
  if (!answer.resumed) return answer.refused ? `:no_entry_sign: Refused: ${escapeMrkdwn(answer.message)}` : `:warning: Not sent: ${answer.message}.`;
  deps.log.warn({ by: operator.person }, 'slack resume accepted');
  return `:large_green_circle: Resumed by ${escapeMrkdwn(operator.person)}: agents' actions are accepted again.`;
}
