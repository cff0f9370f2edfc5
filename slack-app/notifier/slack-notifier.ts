import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Pool } from '../../src/db/pool.ts';
import { NotifierError } from '../../src/notifiers/notifier-error.ts';
import type { SlackSpec } from '../../src/notifiers/notifier-spec.ts';
import type { Notifier } from '../../src/notifiers/notifier.ts';
import { approvalMessage, type RequestFacts } from '../blocks/approval-message.ts';
import type { People } from '../identity/slack-people.ts';
import { loadMessageInput } from './load-message-input.ts';
import { messageTargets } from './message-targets.ts';
import { messagesOf, saveMessage, withActionMessages } from './message-store.ts';
import { refreshMessages } from './refresh-messages.ts';
import { slackCallFailure } from './slack-api-failure.ts';

export interface SlackNotifierDeps {
  spec: SlackSpec;
  client: WebClient;
  pool: Pool;
  people: People;
  log: Logger;
  now: () => Date;
  /** The notify activity's attempt, 1 for the first; the policy's `attempts` counts against it. */
  attempt: () => number;
}

/**
 * Posts the approval request as a Block Kit message (to the policy's channel, or each approver
 * by DM) and, on every later event of the action, renders it again from the database and
 * chat.updates it. One attempt per call: a failure throws a NotifierError, retryable or not, and
 * the notify activity retries; after the policy's attempts the request escalates.
 */
export function createSlackNotifier(deps: SlackNotifierDeps): Notifier {
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw slackCallFailure(error, method, deps.attempt(), deps.spec.attempts);
    }
  };

  async function post(request: RequestFacts): Promise<void> {
    const { targets, unreachable } = messageTargets(deps.spec, request, deps.people);
    if (unreachable.length) deps.log.warn({ actionId: request.actionId, approvers: unreachable }, 'approvers without a slack_id get no Slack DM');
    if (targets.length === 0) {
      throw new NotifierError(`slack notifier: none of ${unreachable.join(', ')} has a slack_id; add slack_id under people: in the policy, or set notifiers.slack.channel`, { retryable: false });
    }
    await withActionMessages(deps.pool, request.actionId, async (client) => {
      const posted = new Set((await messagesOf(client, request.actionId)).map((m) => m.target));
      const message = approvalMessage(await loadMessageInput(client, request, deps.people, deps.now()));
      for (const { target, recipient } of targets) {
        if (posted.has(target)) continue;
        const answer = await call('chat.postMessage', () => deps.client.chat.postMessage({ channel: target, text: message.text, blocks: message.blocks }));
        if (!answer.channel || !answer.ts) throw new NotifierError('slack notifier: chat.postMessage answered without channel and ts; the activity retries it', { retryable: true });
        await saveMessage(client, request.actionId, { target, recipient, channel: answer.channel, ts: answer.ts, request }, deps.now());
      }
    });
  }

  return {
    name: 'slack',
    async notify(event) {
      if (event.kind === 'requested') await post(event);
      else await refreshMessages({ pool: deps.pool, client: deps.client, people: deps.people, now: deps.now, call }, event.actionId, event.kind === 'reminder' ? event : undefined);
    },
  };
}
