import { ErrorCode as SlackErrorCode } from '@slack/web-api';
import { NotifierError } from '../../src/notifiers/notifier-error.ts';

// Pure: a failed Web API call as a NotifierError the notify activity understands: retryable
// (Temporal tries again) or not (the request escalates at once). After the policy's attempts a
// retryable failure counts as final, so the escalation does not wait for Temporal's last retry.

/** Platform errors (`{ok: false, error}`) that a later attempt may not get. */
const TRANSIENT = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

const FIXES: Record<string, string> = {
  channel_not_found: 'check notifiers.slack.channel in the policy, and invite the app to that channel',
  not_in_channel: 'invite the app to the channel (/invite @Countersign)',
  is_archived: 'the channel is archived; name another one in notifiers.slack.channel',
  invalid_auth: 'check SLACK_BOT_TOKEN (a bot token, xoxb-…)',
  not_authed: 'set SLACK_BOT_TOKEN in the worker environment',
  token_revoked: 'the bot token was revoked; reinstall the app and set the new SLACK_BOT_TOKEN',
  account_inactive: 'the bot token belongs to a deleted app or user; reinstall the app',
  missing_scope: 'add the chat:write and im:write scopes (slack-app/manifest.yaml) and reinstall the app',
  invalid_blocks: 'Slack refused the message layout; report this as a Countersign bug',
};

interface Failure {
  detail: string;
  retryable: boolean;
  status?: number;
}

function field(error: object, name: string): unknown {
  return name in error ? (error as Record<string, unknown>)[name] : undefined;
}

function failureOf(error: unknown): Failure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = field(error, 'code');
  switch (code) {
    case SlackErrorCode.PlatformError: {
      const data = field(error, 'data');
      const name = typeof data === 'object' && data !== null ? String(field(data, 'error')) : 'unknown_error';
      const fix = FIXES[name];
      return { detail: `Slack answered ${name}${fix ? `; ${fix}` : ''}`, retryable: TRANSIENT.has(name) };
    }
    case SlackErrorCode.HTTPError: {
      const status = Number(field(error, 'statusCode'));
      return { detail: `Slack answered HTTP ${status}`, retryable: status >= 500 || status === 429, status };
    }
    case SlackErrorCode.RateLimitedError:
      return { detail: `Slack rate-limited the call (retry after ${String(field(error, 'retryAfter'))} s)`, retryable: true, status: 429 };
    case SlackErrorCode.RequestError:
      return { detail: `could not reach Slack (${error.message})`, retryable: true };
    default:
      return undefined;
  }
}

/**
 * The NotifierError for a failed Slack call, or the error itself when it is not Slack's (the
 * database: the activity retries those without counting them here).
 */
export function slackCallFailure(error: unknown, method: string, attempt: number, attempts: number): unknown {
  const failure = failureOf(error);
  if (!failure) return error;
  const last = failure.retryable && attempt >= attempts;
  const next = !failure.retryable ? 'a retry will not help' : last ? `gave up after ${attempt} attempts (notifiers.slack.attempts)` : `attempt ${attempt} of ${attempts}; the activity retries it`;
  return new NotifierError(`slack notifier: ${method} failed: ${failure.detail}; ${next}`, {
    retryable: failure.retryable && !last,
    ...(failure.status === undefined ? {} : { status: failure.status }),
    cause: error,
  });
}
