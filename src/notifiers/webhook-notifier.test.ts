import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startLoopbackHttp } from '../../test/support/loopback-http.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import type { ApprovalEvent } from './approval-event.ts';
import { NotifierError } from './notifier-error.ts';
import { createWebhookNotifier, type WebhookNotifierSpec } from './webhook-notifier.ts';

const decided: ApprovalEvent = {
  kind: 'decided',
  actionId: 'act-7',
  decision: 'approve',
  approver: 'alice',
  channel: 'slack',
  approvals: 1,
  quorum: 2,
};

const env = { HOOK_TOKEN: 'tok-s3cret' };

let target: Awaited<ReturnType<typeof startLoopbackHttp>>;

function spec(overrides: Partial<WebhookNotifierSpec> = {}): WebhookNotifierSpec {
  return { url: `${target.base}/hooks/countersign`, headers: { Authorization: 'Bearer ${HOOK_TOKEN}' }, timeoutMs: 2_000, ...overrides };
}

async function rejectsWith(promise: Promise<unknown>, check: (error: NotifierError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof NotifierError, `expected a NotifierError, got ${String(error)}`);
    assert.equal(error.code, ErrorCode.NotifierFailed);
    check(error);
    return true;
  });
}

describe('webhook notifier', () => {
  before(async () => {
    target = await startLoopbackHttp();
  });
  beforeEach(() => {
    target.requests.length = 0;
    target.setReply(() => ({ status: 204 }));
  });
  after(async () => {
    await target.close();
  });

  it('posts the event as JSON with its kind, an idempotency key and resolved headers', async () => {
    await createWebhookNotifier(spec(), env).notify(decided);
    assert.equal(target.requests.length, 1);
    const [request] = target.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/hooks/countersign');
    assert.deepEqual(request.body, decided);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['x-countersign-event'], 'decided');
    assert.equal(request.headers['idempotency-key'], 'act-7:decided:alice');
    assert.equal(request.headers.authorization, 'Bearer tok-s3cret');
  });

  it('keys events without an approver by action and kind', async () => {
    await createWebhookNotifier(spec(), env).notify({ kind: 'published', actionId: 'act-7', reference: 'pr-42' });
    assert.equal(target.requests[0]?.headers['idempotency-key'], 'act-7:published');
  });

  it('throws a retryable error when the receiver answers 500', async () => {
    target.setReply(() => ({ status: 500, body: { error: 'down' } }));
    await rejectsWith(createWebhookNotifier(spec(), env).notify(decided), (error) => {
      assert.equal(error.retryable, true);
      assert.equal(error.status, 500);
      assert.match(error.message, /answered 500/);
    });
  });

  it('throws a retryable error when the receiver answers 429', async () => {
    target.setReply(() => ({ status: 429 }));
    await rejectsWith(createWebhookNotifier(spec(), env).notify(decided), (error) => assert.equal(error.retryable, true));
  });

  it('throws a non-retryable error naming the URL and status when the receiver answers 400', async () => {
    target.setReply(() => ({ status: 400, body: { error: 'unknown kind' } }));
    await rejectsWith(createWebhookNotifier(spec(), env).notify(decided), (error) => {
      assert.equal(error.retryable, false);
      assert.equal(error.status, 400);
      assert.match(error.message, new RegExp(`POST ${target.base}/hooks/countersign answered 400`));
      assert.match(error.message, /a retry will not help/);
    });
  });

  it('throws a retryable error when the receiver does not answer in time', async () => {
    target.setReply(() => 'hang');
    await rejectsWith(createWebhookNotifier(spec({ timeoutMs: 200 }), env).notify(decided), (error) => {
      assert.equal(error.retryable, true);
      assert.match(error.message, /got no answer within 200 ms/);
    });
  });

  it('throws a retryable error when the receiver cannot be reached', async () => {
    const closed = await startLoopbackHttp();
    const url = `${closed.base}/gone`;
    await closed.close();
    await rejectsWith(createWebhookNotifier(spec({ url }), env).notify(decided), (error) => {
      assert.equal(error.retryable, true);
      assert.match(error.message, /could not reach the webhook/);
    });
  });

  it('names a missing header variable without sending anything or showing other values', async () => {
    await rejectsWith(createWebhookNotifier(spec(), {}).notify(decided), (error) => {
      assert.equal(error.retryable, false);
      assert.match(error.message, /header Authorization .* needs the environment variable HOOK_TOKEN/);
    });
    assert.equal(target.requests.length, 0);
  });
});
