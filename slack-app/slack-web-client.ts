import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { slackLogger } from './slack-logger.ts';

export interface SlackClientOptions {
  botToken: string;
  /** Slack's Web API base (`https://slack.com/api/`); tests serve a loopback stand-in. */
  apiUrl?: string | undefined;
}

// One attempt per call: the notify activity's retry policy makes the next ones, and a call that
// waited out Slack's rate limit inside the activity would hold a worker slot for minutes.
const CALL_TIMEOUT_MS = 10_000;

/** The WebClient the notifier posts and updates messages with. */
export function createSlackWebClient(options: SlackClientOptions, log: Logger): WebClient {
  return new WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: CALL_TIMEOUT_MS,
    logger: slackLogger(log),
  });
}
