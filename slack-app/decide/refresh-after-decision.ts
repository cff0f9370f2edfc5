import type { WebClient } from '@slack/web-api';
import { refreshMessages } from '../notifier/refresh-messages.ts';
import type { SlackAppDeps } from '../slack-app-deps.ts';

/**
 * Updates the action's messages right after a decision this app delivered: the update handler
 * has recorded it before answering, so the database already shows it. The notifier makes the
 * same update from the workflow's `decided` event; this one does not wait for it. A failure here
 * is logged only: the clicker already has their answer, and the next event updates the message.
 */
export async function refreshAfterDecision(deps: SlackAppDeps, client: WebClient, actionId: string): Promise<void> {
  try {
    await refreshMessages({ pool: deps.pool, client, people: deps.people, now: deps.now, call: (_method, run) => run() }, actionId);
  } catch (error) {
    deps.log.warn({ err: error, actionId }, 'slack message not updated after the decision; the next event updates it');
  }
}
