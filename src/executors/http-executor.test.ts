import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ErrorCode } from '../errors/countersign-error.ts';
import { ExecutorError } from './executor-error.ts';
import { ExecutorSpecSchema } from './executor-spec.ts';
import type { PublishInput, Receipt } from './executor.ts';
import { createHttpExecutor, type HttpExecutorSpec } from './http-executor.ts';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What each path of the loopback target answers. */
const ROUTES: Record<string, (res: ServerResponse) => void> = {
  '/publish': (res) => json(res, 201, { id: 'pr-42', url: 'https://git.example/pr/42' }),
  '/publish-text': (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('accepted');
  },
  '/compensate': (res) => json(res, 200, { id: 'revert-42' }),
  '/fail-500': (res) => json(res, 500, { error: 'database down' }),
  '/fail-429': (res) => json(res, 429, { error: 'slow down' }),
  '/fail-400': (res) => json(res, 400, { error: 'title is required' }),
  '/verify-ok': (res) => json(res, 200, { state: 'merged' }),
  '/verify-conflict': (res) => json(res, 409, { state: 'diverged' }),
  '/slow': () => undefined, // never answers; the client's timeout ends it
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

let server: Server;
let base: string;
let requests: Recorded[] = [];

function spec(overrides: Record<string, unknown> = {}): HttpExecutorSpec {
  const parsed = ExecutorSpecSchema.parse({
    type: 'http',
    url: `${base}/publish`,
    method: 'POST',
    headers: { Authorization: 'Bearer ${DEPLOY_TOKEN}', 'X-Team': 'payments' },
    timeout: '2s',
    compensate: { url: `${base}/compensate`, method: 'DELETE', headers: { Authorization: 'Bearer ${DEPLOY_TOKEN}' } },
    secrets: ['DEPLOY_TOKEN'],
    ...overrides,
  });
  assert.equal(parsed.type, 'http');
  if (parsed.type !== 'http') throw new Error('expected an http spec');
  return parsed;
}

const env = { DEPLOY_TOKEN: 'tok-s3cret-123' };

const publish: PublishInput = {
  actionId: 'act-7',
  idempotencyKey: 'act-7:publish',
  action: 'merge_pull_request',
  resource: 'github.com/acme/api/pull/42',
  draft: 'Merge the pager fix',
  params: { method: 'squash', labels: ['bug'] },
};

async function rejectsWith(promise: Promise<unknown>, check: (error: ExecutorError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ExecutorError, `expected an ExecutorError, got ${String(error)}`);
    check(error);
    return true;
  });
}

describe('http executor', () => {
  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        requests.push({ method: req.method ?? '', path, headers: req.headers, body: text ? JSON.parse(text) : undefined });
        const route = ROUTES[path];
        if (route) route(res);
        else json(res, 404, { error: `no route ${path}` });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    requests = [];
  });

  it('sends the action as JSON with the Idempotency-Key header and returns a receipt', async () => {
    const receipt = await createHttpExecutor(spec(), env).execute(publish);
    assert.deepEqual(receipt, {
      executor: 'http',
      reference: 'pr-42',
      details: { status: 201, body: { id: 'pr-42', url: 'https://git.example/pr/42' } },
    });
    assert.equal(requests.length, 1);
    const [request] = requests;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.headers['idempotency-key'], 'act-7:publish');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.equal(request?.headers['x-team'], 'payments');
    assert.deepEqual(request?.body, {
      actionId: 'act-7',
      action: 'merge_pull_request',
      resource: 'github.com/acme/api/pull/42',
      params: { method: 'squash', labels: ['bug'] },
      draft: 'Merge the pager fix',
      idempotencyKey: 'act-7:publish',
    });
  });

  it('resolves ${VAR} in header values from the environment at call time', async () => {
    const liveEnv: Record<string, string> = { DEPLOY_TOKEN: 'first' };
    const executor = createHttpExecutor(spec(), liveEnv);
    await executor.execute(publish);
    liveEnv.DEPLOY_TOKEN = 'rotated';
    await executor.execute(publish);
    assert.deepEqual(requests.map((r) => r.headers.authorization), ['Bearer first', 'Bearer rotated']);
  });

  it('uses the status as the reference and keeps a text body when the answer is not JSON', async () => {
    const receipt = await createHttpExecutor(spec({ url: `${base}/publish-text` }), env).execute(publish);
    assert.equal(receipt.reference, '200');
    assert.deepEqual(receipt.details, { status: 200, body: 'accepted' });
  });

  it('fails retryably on a 500 and on a 429, naming the method, URL and status', async () => {
    await rejectsWith(createHttpExecutor(spec({ url: `${base}/fail-500` }), env).execute(publish), (error) => {
      assert.equal(error.retryable, true);
      assert.equal(error.code, ErrorCode.ExecutorFailed);
      assert.equal(error.status, 500);
      assert.match(error.message, new RegExp(`POST ${base}/fail-500 answered 500`));
    });
    await rejectsWith(createHttpExecutor(spec({ url: `${base}/fail-429` }), env).execute(publish), (error) => {
      assert.equal(error.retryable, true);
    });
  });

  it('fails without retry on a 400', async () => {
    await rejectsWith(createHttpExecutor(spec({ url: `${base}/fail-400` }), env).execute(publish), (error) => {
      assert.equal(error.retryable, false);
      assert.equal(error.status, 400);
      assert.match(error.message, /answered 400.*title is required/);
    });
  });

  it('fails retryably when the target does not answer within the timeout', async () => {
    const started = Date.now();
    await rejectsWith(createHttpExecutor(spec({ url: `${base}/slow`, timeout: '150ms' }), env).execute(publish), (error) => {
      assert.equal(error.retryable, true);
      assert.match(error.message, /within 150 ms/);
    });
    assert.ok(Date.now() - started < 1500);
  });

  it('fails retryably when the target cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await rejectsWith(createHttpExecutor(spec({ url: `http://127.0.0.1:${port}/x` }), env).execute(publish), (error) => {
      assert.equal(error.retryable, true);
    });
  });

  it('refuses, without retry and without sending, when a header variable is missing, naming it', async () => {
    await rejectsWith(createHttpExecutor(spec(), {}).execute(publish), (error) => {
      assert.equal(error.retryable, false);
      assert.equal(error.code, ErrorCode.ExecutorMisconfigured);
      assert.match(error.message, /DEPLOY_TOKEN/);
      assert.match(error.message, /Authorization/);
    });
    assert.equal(requests.length, 0);
  });

  it('never puts a header value into an error', async () => {
    await rejectsWith(createHttpExecutor(spec({ url: `${base}/fail-400` }), env).execute(publish), (error) => {
      assert.doesNotMatch(`${error.message} ${JSON.stringify(error)}`, /tok-s3cret-123/);
    });
  });

  it('compensates with the configured request, carrying the receipt and its own idempotency key', async () => {
    const executor = createHttpExecutor(spec(), env);
    const receipt = await executor.execute(publish);
    const undo = await executor.compensate(publish, receipt);
    assert.equal(undo.reference, 'revert-42');
    const request = requests.at(-1);
    assert.equal(request?.method, 'DELETE');
    assert.equal(request?.path, '/compensate');
    assert.equal(request?.headers.authorization, 'Bearer tok-s3cret-123');
    assert.equal(request?.headers['idempotency-key'], 'act-7:publish:compensate');
    assert.deepEqual(request?.body, {
      actionId: 'act-7',
      action: 'merge_pull_request',
      resource: 'github.com/acme/api/pull/42',
      idempotencyKey: 'act-7:publish:compensate',
      receipt,
    });
  });

  it('compensates with a null receipt when the publish failed midway', async () => {
    await createHttpExecutor(spec(), env).compensate(publish, null);
    assert.deepEqual((requests.at(-1)?.body as { receipt: unknown }).receipt, null);
  });

  it('has no verify step unless the spec configures one', () => {
    assert.equal('verify' in createHttpExecutor(spec(), env), false);
  });

  it('verifies: passes on a 200 and fails on a 409', async () => {
    const receipt: Receipt = { executor: 'http', reference: 'pr-42', details: { status: 201, body: null } };
    const ok = createHttpExecutor(spec({ verify: { url: `${base}/verify-ok`, method: 'POST' } }), env);
    const okResult = await ok.verify?.(publish, receipt);
    assert.equal(okResult?.passed, true);
    assert.deepEqual(requests.at(-1)?.body, { actionId: 'act-7', receipt });

    const conflict = createHttpExecutor(spec({ verify: { url: `${base}/verify-conflict`, method: 'POST' } }), env);
    const conflictResult = await conflict.verify?.(publish, receipt);
    assert.equal(conflictResult?.passed, false);
    assert.match(conflictResult?.detail ?? '', /409/);
  });

  it('retries a verify whose target is down rather than failing the check', async () => {
    const receipt: Receipt = { executor: 'http', reference: 'pr-42', details: {} };
    const down = createHttpExecutor(spec({ verify: { url: `${base}/fail-500`, method: 'POST' } }), env);
    await rejectsWith(down.verify?.(publish, receipt) ?? Promise.reject(new Error('no verify')), (error) => {
      assert.equal(error.retryable, true);
    });
  });
});
