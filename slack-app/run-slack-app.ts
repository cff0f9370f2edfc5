import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import { createRequestRollback } from '../src/requests/request-rollback.ts';
import type { Config } from '../src/config/load-config.ts';
import type { Pool } from '../src/db/pool.ts';
import type { Notifier } from '../src/notifiers/notifier.ts';
import type { LoadedPolicy } from '../src/policy/load-policy.ts';
import { startSlackApp, type RunningSlackApp } from './create-slack-app.ts';
import { activityAttempt } from './notifier/activity-attempt.ts';
import { createSlackNotifier } from './notifier/slack-notifier.ts';
import { createSlackWebClient } from './slack-web-client.ts';

/** Why the Slack app does not run with this configuration, or undefined when it can. */
export function slackAppMissing(config: Config): string | undefined {
  if (!config.slack.botToken) return 'SLACK_BOT_TOKEN is not set';
  if (!config.slack.appToken && !config.slack.signingSecret) return 'set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)';
  return undefined;
}

/** The Slack app for a composition root (`npm start`, slack-app/main.ts), from the configuration. */
export async function runSlackApp(
  config: Config,
  services: { pool: Pool; temporal: Client; log: Logger },
  policy: LoadedPolicy,
  slackPrivateKey: string,
): Promise<RunningSlackApp> {
  const { pool, temporal, log } = services;
  const botToken = config.slack.botToken ?? '';
  return startSlackApp(
    { botToken, signingSecret: config.slack.signingSecret, appToken: config.slack.appToken, apiUrl: config.slack.apiUrl, port: config.slack.port },
    {
      pool,
      temporal,
      people: policy.policy.people,
      operators: policy.policy.operators,
      policyVersion: policy.version,
      privateKey: slackPrivateKey,
      submit: createSubmitDecision({ pool, temporal }),
      requestRollback: createRequestRollback({ pool, temporal }),
      log: log.child({ component: 'slack-app' }),
      now: () => new Date(),
    },
  );
}

/**
 * The worker's Slack notifier, when the policy declares notifiers.slack and SLACK_BOT_TOKEN is
 * set; the worker's composition root passes it to createNotifiers as `slack`.
 */
export function slackNotifierFor(config: Config, policy: LoadedPolicy, pool: Pool, log: Logger): Notifier | undefined {
  const spec = policy.policy.notifiers.slack;
  if (spec === undefined) return undefined;
  if (!config.slack.botToken) {
    log.warn('the policy declares notifiers.slack but SLACK_BOT_TOKEN is not set: actions that notify slack fail over to their escalation');
    return undefined;
  }
  return createSlackNotifier({
    spec,
    client: createSlackWebClient({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl }, log),
    pool,
    people: policy.policy.people,
    log: log.child({ component: 'slack-notifier' }),
    now: () => new Date(),
    attempt: activityAttempt,
  });
}
