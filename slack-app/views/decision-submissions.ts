import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { CONFIRMED, InputId } from '../blocks/action-ids.ts';
import { deliverDecision } from '../decide/deliver-decision.ts';
import { parseViewSubmission } from '../payloads/interaction-payloads.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The reject modal: a reason is required; then an attested `reject` carries it. */
export function rejectSubmission(deps: SlackAppDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    const submission = parseViewSubmission(body);
    const reason = submission.text(InputId.Reason);
    if (!reason) {
      await ack({ response_action: 'errors', errors: { [InputId.Reason]: 'Say why you reject it.' } });
      return;
    }
    await ack();
    const { actionId, channel } = submission.metadata;
    await deliverDecision(deps, client, { kind: 'reject', actionId, slackUserId: submission.slackUserId, channel, reason });
  };
}

/** The tier-4 confirmation: without the box ticked the dialog stays open; with it, `approve` with `confirm: true`. */
export function confirmApprovalSubmission(deps: SlackAppDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    const submission = parseViewSubmission(body);
    if (!submission.ticked(InputId.Confirm).includes(CONFIRMED)) {
      await ack({ response_action: 'errors', errors: { [InputId.Confirm]: 'Tick the box to confirm this destructive action, or cancel.' } });
      return;
    }
    await ack();
    const { actionId, channel } = submission.metadata;
    const comment = submission.text(InputId.Comment);
    await deliverDecision(deps, client, { kind: 'approve', actionId, slackUserId: submission.slackUserId, channel, confirm: true, ...(comment ? { comment } : {}) });
  };
}
