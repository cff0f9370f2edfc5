import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyChain } from '../src/audit/verify-chain.ts';
import { statusQuery } from '../workflows/messages.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { actionRow, eventTypes, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

describe('tier 2: write → audit → publish → rollback window', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness(testPolicy({ rollbackWindow: '2s' }));
  });
  after(async () => h.close());

  it('publishes through the executor, keeps the window open, then completes published', async () => {
    const started = await h.startAction(request({ params: { title: 'Fix', amount: 12 } }));
    assert.equal(started.kind, 'governed');
    assert.equal(started.tier, 2);
    assert.equal(started.rule, 'actions.create_pull_request.tier');
    if (started.kind !== 'governed') return;
    assert.equal(started.workflowId, `action-${started.actionId}`);

    const outcome = await started.result();
    assert.equal(outcome, 'published');

    const entries = await ledgerEntries(h.db.pool, started.actionId);
    assert.deepEqual(entries.map((e) => [e.kind, e.amount, e.account]), [['entry', '12', 'pull-requests']]);

    assert.deepEqual(await eventTypes(h.db.pool, started.actionId), [
      'requested',
      'started',
      'staged',
      'audited',
      'publishing',
      'published',
      'window_closed',
    ]);
    const row = await actionRow(h.db.pool, started.actionId);
    assert.equal(row?.state, 'published');
    assert.ok(row?.window_closes_at, 'the read model shows when the rollback window closed');

    const status = await started.handle.query(statusQuery);
    assert.equal(status.state, 'published');
    assert.equal(status.outcome, 'published');
    assert.deepEqual(status.steps.map((s) => s.step), ['write', 'audit', 'publish', 'publish', 'window_closed']);
    assert.equal(status.receipts[0]?.executor, 'ledger');
    assert.match(status.actionHash ?? '', /^[0-9a-f]{64}$/);

    assert.deepEqual(await verifyChain(h.db.pool), { ok: true, checked: (await h.db.pool.query('SELECT 1 FROM audit_events')).rowCount });
  });

  it('gives the same workflow and the same answer for the same idempotency key', async () => {
    const body = request({ idempotencyKey: 'pr-42-attempt-1' });
    const first = await h.startAction(body);
    const second = await h.startAction(body);
    assert.equal(second.actionId, first.actionId);
    assert.ok(first.kind === 'governed' && second.kind === 'governed');
    assert.equal(second.workflowId, first.workflowId);
    assert.equal(await second.result(), 'published');
    // Once finished, a third call still answers with the same action and never runs it again.
    const third = await h.startAction(body);
    assert.equal(third.actionId, first.actionId);
    assert.equal(third.kind === 'governed' && (await third.result()), 'published');
    assert.equal((await ledgerEntries(h.db.pool, first.actionId)).length, 1);
    assert.equal((await eventTypes(h.db.pool, first.actionId)).filter((t) => t === 'requested').length, 1);
  });

  it('refuses a reused idempotency key carrying a different request', async () => {
    await h.startAction(request({ idempotencyKey: 'pr-43', resource: 'github.com/acme/api/pull/43' }));
    await assert.rejects(
      h.startAction(request({ idempotencyKey: 'pr-43', resource: 'github.com/acme/api/pull/44' })),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'idempotency_key_conflict');
        assert.match(error.message, /use a new key/);
        return true;
      },
    );
  });

  it('treats an action the policy does not know as tier 4 and ends it blocked, unpublished', async () => {
    const started = await h.startAction(request({ action: 'github.delete_repository', resource: 'github.com/acme/api' }));
    assert.equal(started.tier, 4);
    assert.equal(started.rule, 'unknown_action');
    assert.ok(started.kind === 'governed');
    assert.equal(await started.result(), 'blocked');
    assert.deepEqual(await ledgerEntries(h.db.pool, started.actionId), []);
    const row = await actionRow(h.db.pool, started.actionId);
    assert.equal(row?.state, 'blocked');
    assert.match(row?.reason ?? '', /names no executor for this action; nothing was published/);
    assert.ok((await eventTypes(h.db.pool, started.actionId)).includes('blocked'));
  });
});
