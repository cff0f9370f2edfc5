import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appendAuditEvent } from '../src/audit/append-event.ts';
import type { NewAuditEvent } from '../src/audit/audit-event.ts';
import { verifyChain } from '../src/audit/verify-chain.ts';
import { inTransaction } from '../src/db/pool.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';

const event = (key: string, payload: Record<string, unknown> = {}): NewAuditEvent => ({
  eventKey: key,
  occurredAt: new Date(),
  actionId: `a-${key}`,
  type: 'requested',
  actor: 'agent-1',
  policyVersion: 'v1',
  payload,
});

describe('the audit chain', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => db.drop());

  it('links rows in order under 16 concurrent writers, and the chain verifies', async () => {
    await Promise.all(
      Array.from({ length: 16 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 25; i++) await inTransaction(db.pool, (c) => appendAuditEvent(c, event(`w${w}-${i}`, { w, i })));
        })(),
      ),
    );
    const { rows } = await db.pool.query<{ seq: string }>('SELECT seq FROM audit_events ORDER BY seq');
    assert.deepEqual(rows.map((r) => Number(r.seq)), Array.from({ length: 400 }, (_, i) => i + 1));
    assert.deepEqual(await verifyChain(db.pool), { ok: true, checked: 400 });
  });

  it('writes an event once when its step is retried', async () => {
    const first = await inTransaction(db.pool, (c) => appendAuditEvent(c, event('retried', { attempt: 1 })));
    const second = await inTransaction(db.pool, (c) => appendAuditEvent(c, event('retried', { attempt: 2 })));
    assert.equal(second.seq, first.seq);
    assert.equal(second.hash, first.hash);
    const { rows } = await db.pool.query("SELECT 1 FROM audit_events WHERE event_key = 'retried'");
    assert.equal(rows.length, 1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await assert.rejects(db.pool.query("UPDATE audit_events SET actor = 'mallory' WHERE seq = 1"), /append-only: UPDATE is refused/);
    await assert.rejects(db.pool.query('DELETE FROM audit_events WHERE seq = 1'), /append-only: DELETE is refused/);
    await assert.rejects(db.pool.query('TRUNCATE audit_events'), /append-only: TRUNCATE is refused/);
    assert.equal((await verifyChain(db.pool)).ok, true);
  });

  it('finds a row changed by a superuser who dropped the trigger, and names it', async () => {
    await db.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await db.pool.query(`UPDATE audit_events SET payload = '{"w": 0, "i": 999}' WHERE seq = 137`);
    const verdict = await verifyChain(db.pool);
    assert.equal(verdict.ok, false);
    assert.ok(!verdict.ok);
    assert.equal(verdict.firstBroken.seq, '137');
    assert.equal(verdict.checked, 136);
    assert.match(verdict.firstBroken.problem, /changed/);
  });

  it('finds rows removed from the middle and from the end', async () => {
    const fresh = await createTestDatabase();
    try {
      for (let i = 0; i < 5; i++) await inTransaction(fresh.pool, (c) => appendAuditEvent(c, event(`e${i}`)));
      await fresh.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
      await fresh.pool.query('DELETE FROM audit_events WHERE seq = 5');
      const tail = await verifyChain(fresh.pool);
      assert.ok(!tail.ok);
      assert.match(tail.firstBroken.problem, /removed/);
      await fresh.pool.query('DELETE FROM audit_events WHERE seq = 3');
      const middle = await verifyChain(fresh.pool);
      assert.ok(!middle.ok);
      assert.equal(middle.firstBroken.seq, '4');
      assert.match(middle.firstBroken.problem, /sequence gap: expected row 3/);
    } finally {
      await fresh.drop();
    }
  });
});
