import type { types } from '@slack/bolt';
import type { ModalMetadata } from '../payloads/modal-metadata.ts';
import { CONFIRMED, InputId, ViewId } from './action-ids.ts';
import { cut, escapeMrkdwn } from './mrkdwn.ts';

// Pure: the modals a button opens. Each carries the action and the message in private_metadata.

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text: cut(text, 24) });

function summary(m: ModalMetadata): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(`*${escapeMrkdwn(m.action)}* on ${escapeMrkdwn(m.resource)}\nAction \`${escapeMrkdwn(m.actionId)}\`, tier ${m.tier}`, 3_000) } };
}

function reasonInput(label: string, placeholder: string): types.InputBlock {
  return {
    type: 'input',
    block_id: InputId.Reason,
    label: { type: 'plain_text', text: label },
    element: { type: 'plain_text_input', action_id: InputId.Reason, multiline: true, max_length: 2_000, placeholder: { type: 'plain_text', text: placeholder } },
  };
}

/** Reject asks why; the reason goes into the audit trail and the message. */
export function rejectModal(m: ModalMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.RejectReason,
    private_metadata: JSON.stringify(m),
    title: plain('Reject action'),
    submit: plain('Reject'),
    close: plain('Cancel'),
    blocks: [summary(m), reasonInput('Why reject it?', 'The agent and its owner see this reason')],
  };
}

/** Tier 4: approving a destructive action needs an explicit, ticked confirmation. */
export function confirmApprovalModal(m: ModalMetadata & { quorum: number }): types.ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.ApproveConfirmation,
    private_metadata: JSON.stringify({ actionId: m.actionId, channel: m.channel, action: m.action, resource: m.resource, tier: m.tier }),
    title: plain('Confirm approval'),
    submit: plain('Approve'),
    close: plain('Cancel'),
    blocks: [
      summary(m),
      { type: 'section', text: { type: 'mrkdwn', text: `:warning: This action is *destructive*. It needs ${m.quorum} approvals from different people; yours counts once.` } },
      {
        type: 'input',
        block_id: InputId.Confirm,
        label: { type: 'plain_text', text: 'Confirmation' },
        element: {
          type: 'checkboxes',
          action_id: InputId.Confirm,
          options: [{ text: { type: 'mrkdwn', text: cut(`I confirm *${escapeMrkdwn(m.action)}* on ${escapeMrkdwn(m.resource)}`, 150) }, value: CONFIRMED }],
        },
      },
      {
        type: 'input',
        block_id: InputId.Comment,
        optional: true,
        label: { type: 'plain_text', text: 'Comment' },
        element: { type: 'plain_text_input', action_id: InputId.Comment, max_length: 2_000 },
      },
    ],
  };
}

/** Roll back asks why; the rollback signal carries the reason. */
export function rollbackModal(m: ModalMetadata): types.ModalView {
  return {
    type: 'modal',
    callback_id: ViewId.RollbackReason,
    private_metadata: JSON.stringify(m),
    title: plain('Roll back action'),
    submit: plain('Roll back'),
    close: plain('Cancel'),
    blocks: [summary(m), reasonInput('Why roll it back?', 'Recorded in the audit trail and shown in the message')],
  };
}
