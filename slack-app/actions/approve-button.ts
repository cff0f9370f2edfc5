import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { deliverDecision } from '../decide/deliver-decision.ts';
import { parseButtonClick } from '../payloads/interaction-payloads.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

/** Approve (tier 3): acknowledged at once, then delivered as an attested `approve`. */
export function approveButton(deps: SlackAppDeps) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const click = parseButtonClick(body);
    await deliverDecision(deps, client, { kind: 'approve', actionId: click.actionId, slackUserId: click.slackUserId, channel: click.channel });
  };
}
