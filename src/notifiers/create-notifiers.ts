import type { Logger } from 'pino';
import { createLogNotifier } from './log-notifier.ts';
import type { NotifierName, NotifiersSpec } from './notifier-spec.ts';
import type { Notifier } from './notifier.ts';
import type { Env } from '../config/resolve-variables.ts';
import { createWebhookNotifier } from './webhook-notifier.ts';
import { createEmailNotifier, type EmailNotifierDeps } from '../email/email-notifier.ts';

export interface NotifierDeps {
  log: Logger;
  /** The worker's environment, for `${VAR}` in webhook headers. */
  env: Env;
  fetchImpl?: typeof fetch;
  /** Present when the worker can send mail (SMTP_URL): the `email` notifier. */
  email?: Omit<EmailNotifierDeps, 'log'>;
  /** The Slack notifier, built by the composition root from slack-app/ (src/ never imports the Slack app); used when the policy declares notifiers.slack. */
  slack?: Notifier;
}

/** The configured notifiers by name: `log` always, `webhook` when the policy declares one, `email` with SMTP. */
export function createNotifiers(spec: NotifiersSpec, deps: NotifierDeps): Map<NotifierName, Notifier> {
  const notifiers = new Map<NotifierName, Notifier>([['log', createLogNotifier(deps.log)]]);
  if (spec.webhook !== undefined) {
    const { url, headers, timeout } = spec.webhook;
    notifiers.set('webhook', createWebhookNotifier({ url, headers, timeoutMs: timeout }, deps.env, deps.fetchImpl));
  }
  if (deps.email !== undefined) notifiers.set('email', createEmailNotifier({ ...deps.email, log: deps.log }));
  if (spec.slack !== undefined && deps.slack !== undefined) notifiers.set('slack', deps.slack);
  return notifiers;
}
