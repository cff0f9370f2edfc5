import type { types } from '@slack/bolt';
import type { ApprovalEvent } from '../../src/notifiers/approval-event.ts';
import { mentionOf, type People } from '../identity/slack-people.ts';
import { ActionId } from './action-ids.ts';
import { historyLines, type HistoryEvent } from './history-lines.ts';
import { cut, escapeMrkdwn, slackDate } from './mrkdwn.ts';

// Pure: the one Block Kit message of an approval request, rendered again after every event so it
// always shows where the action stands, and offers only the buttons that still apply.

export type RequestFacts = Extract<ApprovalEvent, { kind: 'requested' }>;

export interface ApprovalMessageInput {
  request: RequestFacts;
  /** The draft as it will be published, DLP redactions applied; undefined when none is stored. */
  draft: string | undefined;
  /** The action's state in the read model. */
  state: string;
  /** The action's audit events, oldest first. */
  events: readonly HistoryEvent[];
  /** Published and inside the rollback window: Roll back is offered until then. */
  rollbackUntil: Date | undefined;
  people: People;
}

export interface SlackMessage {
  /** The notification and screen-reader text. */
  text: string;
  blocks: types.KnownBlock[];
}

type Phase = { label: string; emoji: string; buttons: 'decide' | 'rollback' | 'none' };

const TIER_NAMES: Record<number, string> = { 3: 'high-impact', 4: 'destructive' };
// Slack's limits: 3,000 characters per section text, 150 per header.
const MAX_REASONING = 2_500;
const MAX_DRAFT = 2_500;

function phaseOf(input: ApprovalMessageInput, approvals: number): Phase {
  const { state, request } = input;
  const quorumMet = approvals >= request.quorum;
  switch (state) {
    case 'awaiting_approval':
      return quorumMet ? { label: 'Approved, publishing', emoji: ':white_check_mark:', buttons: 'none' } : { label: 'Approval needed', emoji: ':raising_hand:', buttons: 'decide' };
    case 'approved':
    case 'publishing':
      return { label: 'Approved, publishing', emoji: ':white_check_mark:', buttons: 'none' };
    case 'published':
      return input.rollbackUntil
        ? { label: 'Published', emoji: ':rocket:', buttons: 'rollback' }
        : { label: 'Published', emoji: ':rocket:', buttons: 'none' };
    case 'rejected':
      return { label: 'Rejected', emoji: ':no_entry:', buttons: 'none' };
    case 'expired':
      return { label: 'Expired', emoji: ':hourglass:', buttons: 'none' };
    case 'killed':
      return { label: 'Killed', emoji: ':octagonal_sign:', buttons: 'none' };
    case 'rolling_back':
      return { label: 'Rolling back', emoji: ':rewind:', buttons: 'none' };
    case 'rolled_back':
      return { label: 'Rolled back', emoji: ':rewind:', buttons: 'none' };
    case 'rollback_failed':
      return { label: 'Rollback failed, needs a person', emoji: ':rotating_light:', buttons: 'none' };
    case 'failed':
      return { label: 'Publishing failed', emoji: ':x:', buttons: 'none' };
    case 'blocked':
      return { label: 'Blocked', emoji: ':no_entry:', buttons: 'none' };
    default:
      return { label: state, emoji: ':grey_question:', buttons: 'none' };
  }
}

function field(title: string, value: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: cut(`*${title}*\n${value}`, 2_000) };
}

function quoted(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function decideButtons(request: RequestFacts): types.ActionsBlock {
  const confirm = request.tier >= 4;
  return {
    type: 'actions',
    block_id: 'countersign_decide',
    elements: [
      {
        type: 'button',
        action_id: confirm ? ActionId.ApproveWithConfirmation : ActionId.Approve,
        text: { type: 'plain_text', text: confirm ? 'Approve…' : 'Approve' },
        style: 'primary',
        value: request.actionId,
      },
      { type: 'button', action_id: ActionId.Reject, text: { type: 'plain_text', text: 'Reject…' }, style: 'danger', value: request.actionId },
    ],
  };
}

/** The approval message of one action as it stands now. */
export function approvalMessage(input: ApprovalMessageInput): SlackMessage {
  const { request, people } = input;
  const approvals = input.events.filter((e) => e.type === 'approval_accepted').length;
  const phase = phaseOf(input, approvals);
  const who = request.approvers.filter((a) => a !== request.owner).map((a) => mentionOf(people, a));
  const findings = request.findings.map((f) => `${escapeMrkdwn(f.type)} in ${escapeMrkdwn(f.location)}`).join(', ');
  const tierName = TIER_NAMES[request.tier];

  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(`${phase.label}: ${request.action}`, 150) } },
    {
      type: 'section',
      block_id: 'countersign_facts',
      fields: [
        field('Agent', `\`${escapeMrkdwn(request.agentId)}\` (task \`${escapeMrkdwn(request.taskId)}\`)`),
        field('Action', `\`${escapeMrkdwn(request.action)}\``),
        field('Resource', escapeMrkdwn(request.resource)),
        field('Tier', `${request.tier}${tierName ? ` (${tierName})` : ''}, by rule \`${escapeMrkdwn(request.rule)}\``),
        field('Confidence / risk', `${Math.round(request.confidence * 100)}% / ${escapeMrkdwn(request.risk)}`),
        field('Deadline', `${slackDate(new Date(request.deadline))} (no decision by then is a rejection)`),
        field(request.quorum > 1 ? 'Approvals needed' : 'Approval needed', `${approvals} of ${request.quorum}, from ${who.join(', ') || 'no one'}${request.quorum > 1 ? ' (distinct people)' : ''}`),
        field('Action hash', `\`${request.actionHash.slice(0, 12)}\``),
      ],
    },
    { type: 'section', block_id: 'countersign_reasoning', text: { type: 'mrkdwn', text: `*Agent's reasoning*\n${quoted(escapeMrkdwn(cut(request.reasoning, MAX_REASONING)))}` } },
  ];
  if (input.draft !== undefined) {
    const label = findings ? `*Draft* (redacted by DLP, which found: ${findings})` : '*Draft*';
    blocks.push({ type: 'section', block_id: 'countersign_draft', text: { type: 'mrkdwn', text: `${label}\n\`\`\`${escapeMrkdwn(cut(input.draft, MAX_DRAFT)).replace(/```/g, "'''")}\`\`\`` } });
  } else if (findings) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `DLP found: ${findings}` }] });
  }
  if (request.escalated) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:arrow_up: Escalated here: ${escapeMrkdwn(request.escalated)}` }] });
  const history = historyLines(input.events, people);
  if (history.length) {
    blocks.push({ type: 'section', block_id: 'countersign_history', text: { type: 'mrkdwn', text: cut(`*${phase.emoji} ${phase.label}*\n${history.map((l) => `• ${l}`).join('\n')}`, 3_000) } });
  }
  if (phase.buttons === 'decide') blocks.push(decideButtons(request));
  if (phase.buttons === 'rollback' && input.rollbackUntil) {
    blocks.push(
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Can be rolled back until ${slackDate(input.rollbackUntil)}` }] },
      {
        type: 'actions',
        block_id: 'countersign_rollback',
        elements: [{ type: 'button', action_id: ActionId.RollBack, text: { type: 'plain_text', text: 'Roll back…' }, style: 'danger', value: request.actionId }],
      },
    );
  }
  const text = `${phase.label}: ${request.action} on ${request.resource} by ${request.agentId} (tier ${request.tier})`;
  return { text, blocks };
}
