import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, types } from '@slack/bolt';
import { confirmApprovalModal, rejectModal, rollbackModal } from '../blocks/decision-modals.ts';
import { requestOfMessage } from '../decide/modal-facts.ts';
import type { ModalMetadata } from '../payloads/modal-metadata.ts';
import { parseButtonClick } from '../payloads/interaction-payloads.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

type ModalFor = (facts: ModalMetadata & { quorum: number }) => types.ModalView;

/**
 * Buttons that ask something first (Reject…, Approve… for tier 4, Roll back…): acknowledged at
 * once, then the modal opens; the decision is taken when it is submitted. Nothing reaches
 * Temporal here. Slack's trigger_id lasts 3 seconds, so only the database is asked first.
 */
function openModal(deps: SlackAppDeps, modal: ModalFor) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const click = parseButtonClick(body);
    const request = await requestOfMessage(deps.pool, click.actionId);
    if (!request) {
      await client.chat.postEphemeral({ channel: click.channel, user: click.slackUserId, text: `Countersign has no approval message for action ${click.actionId}; use the CLI or the Temporal UI.` });
      return;
    }
    const facts = { actionId: request.actionId, channel: click.channel, action: request.action, resource: request.resource, tier: request.tier, quorum: request.quorum };
    await client.views.open({ trigger_id: click.triggerId, view: modal(facts) });
  };
}

export const rejectButton = (deps: SlackAppDeps) => openModal(deps, rejectModal);
export const confirmApproveButton = (deps: SlackAppDeps) => openModal(deps, confirmApprovalModal);
export const rollbackButton = (deps: SlackAppDeps) => openModal(deps, rollbackModal);
