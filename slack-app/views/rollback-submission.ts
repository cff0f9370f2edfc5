import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { CountersignError, ErrorCode } from '../../src/errors/countersign-error.ts';
import { InputId } from '../blocks/action-ids.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { UNDELIVERED_TEXT } from '../blocks/outcome-text.ts';
import { auditSlackRefusal } from '../decide/audit-slack-refusal.ts';
import { requestOfMessage } from '../decide/modal-facts.ts';
import { personOfSlackUser } from '../identity/slack-people.ts';
import { parseViewSubmission } from '../payloads/interaction-payloads.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * The roll back modal: operators and the action's approvers may ask; the rollback goes through
 * requestRollback, which refuses (and audits) once the window has closed, else sends the signal.
 */
export function rollbackSubmission(deps: SlackAppDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    const submission = parseViewSubmission(body);
    const reason = submission.text(InputId.Reason);
    if (!reason) {
      await ack({ response_action: 'errors', errors: { [InputId.Reason]: 'Say why it must be rolled back.' } });
      return;
    }
    await ack();
    const { actionId, channel } = submission.metadata;
    const user = submission.slackUserId;
    const tell = async (text: string) => {
      await client.chat.postEphemeral({ channel, user, text });
    };
    const person = personOfSlackUser(deps.people, user);
    const request = await requestOfMessage(deps.pool, actionId);
    if (person === undefined || !(deps.operators.includes(person) || request?.approvers.includes(person))) {
      const why = person === undefined
        ? `your Slack account (member ID ${user}) is not linked to anyone in the Countersign policy`
        : `${person} is neither an operator nor an approver of this action`;
      await auditSlackRefusal(deps.pool, actionId, { type: 'rollback_refused', actor: person ?? `slack:${user}`, code: ErrorCode.RollbackRefused, reason: why, asked: 'rollback' }, deps.policyVersion, deps.now());
      await tell(`:no_entry_sign: Not rolled back: ${why}. Operators and the action's approvers may roll it back.`);
      return;
    }
    try {
      await deps.requestRollback(actionId, { by: person, reason });
      deps.log.info({ actionId, by: person }, 'slack rollback requested');
      await tell(`:rewind: Rollback of ${escapeMrkdwn(actionId)} requested. The message shows when it is done.`);
    } catch (error) {
      if (error instanceof CountersignError) {
        await tell(`:no_entry_sign: Not rolled back: ${escapeMrkdwn(error.message)}`);
        return;
      }
      deps.log.error({ err: error, actionId }, 'slack rollback could not be delivered');
      await tell(UNDELIVERED_TEXT);
    }
  };
}
