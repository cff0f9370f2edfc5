import type { Logger } from 'pino';
import { createLogNotifier } from './log-notifier.ts';
import type { NotifierName, NotifiersSpec } from './notifier-spec.ts';
import type { Notifier } from './notifier.ts';
import type { Env } from '../config/resolve-variables.ts';
import { createWebhookNotifier } from './webhook-notifier.ts';

export interface NotifierDeps {
  log: Logger;
  /** The worker's environment, for `${VAR}` in webhook headers. */
  env: Env;
  fetchImpl?: typeof fetch;
}

/** The configured notifiers by name: `log` always, `webhook` when the policy declares one. */
export function createNotifiers(spec: NotifiersSpec, deps: NotifierDeps): Map<NotifierName, Notifier> {
  const notifiers = new Map<NotifierName, Notifier>([['log', createLogNotifier(deps.log)]]);
  if (spec.webhook !== undefined) {
    const { url, headers, timeout } = spec.webhook;
    notifiers.set('webhook', createWebhookNotifier({ url, headers, timeoutMs: timeout }, deps.env, deps.fetchImpl));
  }
  return notifiers;
}
