import type { WebClient } from '@slack/web-api';
import type { Pool } from '../../src/db/pool.ts';
import type { ApprovalEvent } from '../../src/notifiers/approval-event.ts';
import { approvalMessage } from '../blocks/approval-message.ts';
import { mentionOf, type People } from '../identity/slack-people.ts';
import { loadMessageInput } from './load-message-input.ts';
import { messagesOf, touchMessage, withActionMessages } from './message-store.ts';

export interface RefreshContext {
  pool: Pool;
  client: WebClient;
  people: People;
  now: () => Date;
  /** Runs one Slack call; the notifier turns its failures into NotifierErrors. */
  call: <T>(method: string, run: () => Promise<T>) => Promise<T>;
}

export type Reminder = Extract<ApprovalEvent, { kind: 'reminder' }>;

/**
 * Renders the action's approval messages again from the database and chat.updates each one;
 * with a reminder, also replies in their threads naming who has not decided. Nothing to do when
 * the request never reached Slack.
 */
export async function refreshMessages(ctx: RefreshContext, actionId: string, reminder?: Reminder): Promise<void> {
  await withActionMessages(ctx.pool, actionId, async (client) => {
    const messages = await messagesOf(client, actionId);
    const [first] = messages;
    if (!first) return;
    const message = approvalMessage(await loadMessageInput(client, first.request, ctx.people, ctx.now()));
    for (const m of messages) {
      await ctx.call('chat.update', () => ctx.client.chat.update({ channel: m.channel, ts: m.ts, text: message.text, blocks: message.blocks }));
      await touchMessage(client, actionId, m.target, ctx.now());
      if (reminder && reminder.pending.length) {
        const who = reminder.pending.map((p) => mentionOf(ctx.people, p)).join(', ');
        const text = `Reminder: still waiting for ${who} to decide; the request expires at ${reminder.deadline}.`;
        await ctx.call('chat.postMessage', () => ctx.client.chat.postMessage({ channel: m.channel, thread_ts: m.ts, text }));
      }
    }
  });
}
