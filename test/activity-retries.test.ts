import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyChain } from '../src/audit/verify-chain.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { eventTypes } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

describe('retried steps', () => {
  let h: Harness;
  let api: Awaited<ReturnType<typeof startLoopbackHttp>>;
  before(async () => {
    let deploys = 0;
    // The deploy API is down twice, then answers: the publish activity is retried.
    api = await startLoopbackHttp((r) => (r.path === '/deploy' && ++deploys <= 2 ? { status: 503 } : { status: 200, body: { id: 'deploy-1' } }));
    h = await createHarness(testPolicy({ httpBase: api.base, rollbackWindow: '1s' }), { env: { DEPLOY_TOKEN: 't' } });
  });
  after(async () => {
    await h.close();
    await api.close();
  });

  it('writes each transition once when its activity is retried, and publishes once with one idempotency key', async () => {
    const started = await h.startAction(request({ action: 'deploy_service', resource: 'svc/api' }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'published');
    const deploys = api.requests.filter((r) => r.path === '/deploy');
    assert.equal(deploys.length, 3);
    assert.deepEqual(new Set(deploys.map((r) => r.headers['idempotency-key'])), new Set([`${started.actionId}:publish`]));
    assert.deepEqual(await eventTypes(h.db.pool, started.actionId), [
      'requested',
      'started',
      'staged',
      'audited',
      'publishing',
      'published',
      'window_closed',
    ]);
    assert.equal((await verifyChain(h.db.pool)).ok, true);
  });
});
