import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { statusQuery } from '../workflows/messages.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { actionRow, auditEvents, eventTypes, eventually, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

describe('rollback: compensations on publish failure, CI failure or silence, and by hand', () => {
  let h: Harness;
  let api: Awaited<ReturnType<typeof startLoopbackHttp>>;
  before(async () => {
    api = await startLoopbackHttp();
    h = await createHarness(testPolicy({ httpBase: api.base, rollbackWindow: '20s', ciTimeout: '2s' }), {
      env: { DEPLOY_TOKEN: 'deploy-secret-token' },
    });
  });
  after(async () => {
    await h.close();
    await api.close();
  });

  it('rolls back a published action on a rollback signal sent as the Temporal UI sends it', async () => {
    const started = await h.startAction(request({ params: { amount: 30 } }));
    assert.ok(started.kind === 'governed');
    await eventually(async () => ((await actionRow(h.db.pool, started.actionId))?.state === 'published' ? true : undefined));
    // The UI sends the signal by name with one JSON object.
    await h.temporal.client.workflow.getHandle(started.workflowId).signal('rollback', { by: 'bob', reason: 'wrong branch' });
    assert.equal(await started.result(), 'rolled_back');

    const entries = await ledgerEntries(h.db.pool, started.actionId);
    assert.deepEqual(entries.map((e) => [e.kind, e.amount]), [['entry', '30'], ['reversal', '-30']]);
    const events = await auditEvents(h.db.pool, started.actionId);
    const asked = events.find((e) => e.type === 'rollback_requested');
    assert.equal(asked?.actor, 'bob');
    assert.equal(asked?.payload.reason, 'wrong branch');
    assert.equal(events.at(-1)?.type, 'rolled_back');
    assert.equal((await actionRow(h.db.pool, started.actionId))?.state, 'rolled_back');
    const status = await started.handle.query(statusQuery);
    assert.deepEqual(status.rollback, { by: 'bob', reason: 'wrong branch', cause: 'manual' });
  });

  it('refuses a malformed rollback signal, audits it, and keeps the action published', async () => {
    const started = await h.startAction(request());
    assert.ok(started.kind === 'governed');
    await eventually(async () => ((await actionRow(h.db.pool, started.actionId))?.state === 'published' ? true : undefined));
    await started.handle.signal('rollback', { reason: 'no name given' });
    const refused = await eventually(async () => (await auditEvents(h.db.pool, started.actionId)).find((e) => e.type === 'rollback_refused'));
    assert.match(String(refused.payload.reason), /malformed rollback/);
    assert.equal((await actionRow(h.db.pool, started.actionId))?.state, 'published');
    await started.handle.signal('rollback', { by: 'bob', reason: 'clean up' });
    assert.equal(await started.result(), 'rolled_back');
  });

  it('compensates when publishing fails, and ends failed', async () => {
    api.setReply((r) => (r.path === '/deploy' ? { status: 400, body: { error: 'bad manifest' } } : { status: 200, body: { id: 'undone' } }));
    const before = api.requests.length;
    const started = await h.startAction(request({ action: 'deploy_service', resource: 'svc/payments' }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'failed');
    const sent = api.requests.slice(before).map((r) => r.path);
    assert.deepEqual(sent, ['/deploy', '/undeploy']);
    assert.equal(api.requests[before]?.headers.authorization, 'Bearer deploy-secret-token');
    const types = await eventTypes(h.db.pool, started.actionId);
    assert.deepEqual(types.slice(-3), ['publishing', 'publish_failed', 'rolled_back']);
    const row = await actionRow(h.db.pool, started.actionId);
    assert.equal(row?.state, 'failed');
    assert.match(row?.reason ?? '', /400/);
  });

  it('ends rollback_failed, audited for a person, when the compensation itself fails', async () => {
    api.setReply((r) => (r.path === '/deploy' ? { status: 422 } : { status: 403 }));
    const started = await h.startAction(request({ action: 'deploy_service', resource: 'svc/search' }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'rollback_failed');
    const row = await actionRow(h.db.pool, started.actionId);
    assert.equal(row?.state, 'rollback_failed');
    assert.match(row?.reason ?? '', /needs a person/);
    assert.equal((await eventTypes(h.db.pool, started.actionId)).at(-1), 'rollback_failed');
  });

  it('rolls back when CI reports a failure', async () => {
    const started = await h.startAction(request({ action: 'open_pr_with_ci', params: { n: 1 } }));
    assert.ok(started.kind === 'governed');
    await eventually(async () => ((await actionRow(h.db.pool, started.actionId))?.state === 'published' ? true : undefined));
    await started.handle.signal('ciResult', { status: 'failed', url: 'https://ci.example.com/run/7' });
    assert.equal(await started.result(), 'rolled_back');
    const types = await eventTypes(h.db.pool, started.actionId);
    assert.deepEqual(types.slice(-2), ['ci_failed', 'rolled_back']);
    assert.deepEqual((await ledgerEntries(h.db.pool, started.actionId)).map((e) => e.kind), ['entry', 'reversal']);
    const status = await started.handle.query(statusQuery);
    assert.deepEqual(status.ci, { status: 'failed', url: 'https://ci.example.com/run/7' });
  });

  it('rolls back when no CI result arrives within the policy limit', async () => {
    const started = await h.startAction(request({ action: 'open_pr_with_ci', params: { n: 2 } }));
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'rolled_back');
    assert.deepEqual((await eventTypes(h.db.pool, started.actionId)).slice(-2), ['ci_timed_out', 'rolled_back']);
  });
});

describe('rollback after the window', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness(testPolicy({ rollbackWindow: '1s' }));
  });
  after(async () => h.close());

  it('refuses a rollback once the window has closed, and audits the refusal', async () => {
    const started = await h.startAction(request());
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'published');
    await assert.rejects(h.requestRollback(started.actionId, { by: 'bob', reason: 'too late' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'rollback_window_closed');
      assert.match(error.message, /rollback window of action .* closed at/);
      return true;
    });
    const refused = (await auditEvents(h.db.pool, started.actionId)).find((e) => e.type === 'rollback_refused');
    assert.equal(refused?.actor, 'bob');
    // The workflow is complete: Temporal itself refuses the signal, and nothing is reversed.
    await assert.rejects(started.handle.signal('rollback', { by: 'bob', reason: 'too late' }));
    assert.deepEqual((await ledgerEntries(h.db.pool, started.actionId)).map((e) => e.kind), ['entry']);
  });
});
