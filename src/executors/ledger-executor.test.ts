import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { sha256Hex } from '../canonical/sha256.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { ExecutorError } from './executor-error.ts';
import type { PublishInput } from './executor.ts';
import { createLedgerExecutor, type LedgerExecutorSpec } from './ledger-executor.ts';

const spec: LedgerExecutorSpec = { type: 'ledger', account: 'payments', amount_param: 'amount' };

let db: TestDatabase;
let counter = 0;

function input(overrides: Partial<PublishInput> = {}): PublishInput {
  counter += 1;
  return {
    actionId: `act-${counter}`,
    idempotencyKey: `act-${counter}:publish`,
    action: 'refund_payment',
    resource: 'stripe/charges/ch_1',
    draft: 'Refund for order 42',
    params: { amount: 125.5, currency: 'EUR' },
    ...overrides,
  };
}

async function rowsOf(actionId: string) {
  const result = await db.pool.query<{ id: string; kind: string; reverses: string | null; amount: string | null; idempotency_key: string; account: string; payload: unknown }>(
    `SELECT id::text AS id, kind, reverses::text AS reverses, amount::text AS amount, idempotency_key, account, payload
       FROM ledger_entries WHERE action_id = $1 ORDER BY ledger_entries.id`,
    [actionId],
  );
  return result.rows;
}

describe('ledger executor', () => {
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  it('writes one entry with the account, amount and a hash of the draft', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const publish = input();
    const receipt = await executor.execute(publish);
    const rows = await rowsOf(publish.actionId);
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.kind, 'entry');
    assert.equal(row?.account, 'payments');
    assert.equal(row?.amount, '125.5');
    assert.equal(row?.idempotency_key, publish.idempotencyKey);
    assert.deepEqual(row?.payload, { action: 'refund_payment', draftHash: sha256Hex(publish.draft), params: publish.params });
    assert.equal(receipt.executor, 'ledger');
    assert.equal(receipt.reference, `ledger:${row?.id}`);
    assert.equal(receipt.details.amount, '125.5');
  });

  it('writes the entry once when executed twice with the same key, returning the same receipt', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const publish = input();
    const [first, second] = await Promise.all([executor.execute(publish), executor.execute(publish)]);
    const third = await executor.execute(publish);
    assert.deepEqual(second, first);
    assert.deepEqual(third, first);
    assert.equal((await rowsOf(publish.actionId)).length, 1);
  });

  it('stores a null amount when the action has no amount', async () => {
    const executor = createLedgerExecutor({ type: 'ledger', account: 'notes' }, db.pool);
    const publish = input({ params: {} });
    const receipt = await executor.execute(publish);
    assert.equal(receipt.details.amount, null);
    const reversal = await executor.compensate(publish, receipt);
    assert.equal(reversal.details.amount, null);
  });

  it('refuses an amount that is not a number, naming the param, without retrying', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const publish = input({ params: { amount: '125.50' } });
    await assert.rejects(executor.execute(publish), (error: unknown) => {
      assert.ok(error instanceof ExecutorError);
      assert.equal(error.retryable, false);
      assert.equal(error.code, ErrorCode.ExecutorFailed);
      assert.match(error.message, /params\.amount/);
      return true;
    });
    assert.equal((await rowsOf(publish.actionId)).length, 0);
  });

  it('compensates with a reversal of the negated amount that points at the entry', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const publish = input();
    const receipt = await executor.execute(publish);
    const reversal = await executor.compensate(publish, receipt);
    const rows = await rowsOf(publish.actionId);
    assert.equal(rows.length, 2);
    const [entry, reversed] = rows;
    assert.equal(reversed?.kind, 'reversal');
    assert.equal(reversed?.reverses, entry?.id);
    assert.equal(reversed?.amount, '-125.5');
    assert.equal(reversed?.idempotency_key, `${publish.idempotencyKey}:reversal`);
    assert.equal(reversal.reference, `ledger:${reversed?.id}`);
    assert.equal(reversal.details.reverses, entry?.id);
  });

  it('writes one reversal when compensated twice, and finds the entry without a receipt', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const publish = input();
    await executor.execute(publish);
    const first = await executor.compensate(publish, null);
    const second = await executor.compensate(publish, null);
    assert.deepEqual(second, first);
    const rows = await rowsOf(publish.actionId);
    assert.deepEqual(rows.map((r) => r.kind), ['entry', 'reversal']);
  });

  it('does nothing when compensating an action whose entry was never written', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const publish = input();
    const receipt = await executor.compensate(publish, null);
    assert.equal(receipt.reference, 'ledger:none');
    assert.equal(receipt.details.reversed, false);
    assert.match(JSON.stringify(receipt.details.reason), /nothing to reverse/);
    assert.equal((await rowsOf(publish.actionId)).length, 0);
  });

  it('refuses a key already used by another action', async () => {
    const executor = createLedgerExecutor(spec, db.pool);
    const first = input();
    await executor.execute(first);
    const other = input({ idempotencyKey: first.idempotencyKey });
    await assert.rejects(executor.execute(other), (error: unknown) => error instanceof ExecutorError && !error.retryable);
  });
});
