import type { ActionStory, StatusSummary } from '../../src/read-model/action-queries.ts';
import { escapeMrkdwn, slackDate } from './mrkdwn.ts';

// Pure: the slash command's answers about actions, as mrkdwn text.

const RECENT_EVENTS = 8;

export function pendingReply(summary: StatusSummary): string {
  const freeze = summary.freeze.frozen
    ? `:octagonal_sign: Countersign is *frozen* by ${escapeMrkdwn(summary.freeze.by ?? 'an operator')}: ${escapeMrkdwn(summary.freeze.reason ?? '')}`
    : ':large_green_circle: Countersign is running (not frozen).';
  if (summary.pending.length === 0) return `${freeze}\nNo action is waiting for approval.`;
  const lines = summary.pending.map(
    (p) => `• \`${escapeMrkdwn(p.actionId)}\` *${escapeMrkdwn(p.action)}* on ${escapeMrkdwn(p.resource)} by \`${escapeMrkdwn(p.agentId)}\`, tier ${p.tier}: ${p.approvals} of ${p.quorum}, until ${slackDate(p.deadline)}`,
  );
  return `${freeze}\n*${summary.pending.length} waiting for approval*, soonest deadline first:\n${lines.join('\n')}`;
}

export function statusReply(story: ActionStory): string {
  const a = story.action;
  const events = story.events.slice(-RECENT_EVENTS).map((e) => `• ${e.occurred_at.toISOString()} ${escapeMrkdwn(e.type)} (${escapeMrkdwn(e.actor)})`);
  return [
    `*${escapeMrkdwn(a.action)}* on ${escapeMrkdwn(a.resource)}: *${escapeMrkdwn(a.state)}*${a.reason ? ` (${escapeMrkdwn(a.reason)})` : ''}`,
    `Action \`${escapeMrkdwn(a.action_id)}\` by \`${escapeMrkdwn(a.agent_id)}\`, tier ${a.tier} (${escapeMrkdwn(a.rule)})${a.window_closes_at ? `, rollback window until ${slackDate(a.window_closes_at)}` : ''}`,
    `Latest events:`,
    ...events,
  ].join('\n');
}
