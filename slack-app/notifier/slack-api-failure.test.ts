import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode } from '@slack/web-api';
import { NotifierError } from '../../src/notifiers/notifier-error.ts';
import { slackCallFailure } from './slack-api-failure.ts';

function slackError(fields: Record<string, unknown>): Error {
  return Object.assign(new Error('slack'), fields);
}

function asNotifierError(value: unknown): NotifierError {
  assert.ok(value instanceof NotifierError, `expected a NotifierError, got ${String(value)}`);
  return value;
}

describe('Slack call failures', () => {
  it('retries 5xx, rate limits and network errors until the policy attempts are used', () => {
    const http500 = asNotifierError(slackCallFailure(slackError({ code: ErrorCode.HTTPError, statusCode: 500 }), 'chat.postMessage', 1, 3));
    assert.equal(http500.retryable, true);
    assert.match(http500.message, /chat\.postMessage failed: Slack answered HTTP 500; attempt 1 of 3/);
    const limited = asNotifierError(slackCallFailure(slackError({ code: ErrorCode.PlatformError, data: { ok: false, error: 'ratelimited' } }), 'chat.update', 2, 3));
    assert.equal(limited.retryable, true);
    const last = asNotifierError(slackCallFailure(slackError({ code: ErrorCode.RequestError }), 'chat.postMessage', 3, 3));
    assert.equal(last.retryable, false);
    assert.match(last.message, /gave up after 3 attempts/);
  });

  it('fails at once, saying what to fix, when a retry cannot help', () => {
    const missing = asNotifierError(slackCallFailure(slackError({ code: ErrorCode.PlatformError, data: { ok: false, error: 'not_in_channel' } }), 'chat.postMessage', 1, 5));
    assert.equal(missing.retryable, false);
    assert.match(missing.message, /invite the app to the channel/);
  });

  it('leaves errors that are not Slack\'s to the activity', () => {
    const db = new Error('connection refused');
    assert.equal(slackCallFailure(db, 'chat.update', 1, 5), db);
  });
});
