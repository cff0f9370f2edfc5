import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPool } from '../db/pool.ts';
import { createExecutor } from './create-executor.ts';
import { ExecutorSpecSchema } from './executor-spec.ts';

describe('createExecutor', () => {
  // The pool connects lazily: building an executor touches no database.
  const pool = createPool('postgres://postgres@127.0.0.1:1/none');

  it('builds a ledger executor, which has no verify step', () => {
    const executor = createExecutor(ExecutorSpecSchema.parse({ type: 'ledger', account: 'payments' }), { pool, env: {} });
    assert.equal(typeof executor.execute, 'function');
    assert.equal(typeof executor.compensate, 'function');
    assert.equal('verify' in executor, false);
  });

  it('builds an http executor that uses the given fetch', async () => {
    const spec = ExecutorSpecSchema.parse({
      type: 'http',
      url: 'https://deploy.internal/run',
      compensate: { url: 'https://deploy.internal/undo' },
      verify: { url: 'https://deploy.internal/check' },
    });
    const calls: string[] = [];
    const fetchImpl: typeof fetch = (url) => {
      calls.push(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url);
      return Promise.resolve(
        new Response(JSON.stringify({ id: 'run-1' }), { status: 200, headers: { 'content-type': 'application/json' } }),
      );
    };
    const executor = createExecutor(spec, { pool, env: {}, fetchImpl });
    assert.equal(typeof executor.verify, 'function');
    const receipt = await executor.execute({ actionId: 'a', idempotencyKey: 'a:publish', action: 'deploy', resource: 'svc', draft: '', params: {} });
    assert.equal(receipt.reference, 'run-1');
    assert.deepEqual(calls, ['https://deploy.internal/run']);
    await pool.end();
  });
});
