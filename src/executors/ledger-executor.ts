import { sha256Hex } from '../canonical/sha256.ts';
import type { Pool } from '../db/pool.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { ExecutorError } from './executor-error.ts';
import type { ExecutorSpec } from './executor-spec.ts';
import type { Executor, PublishInput, Receipt } from './executor.ts';
import type { JsonValue } from './json-value.ts';

export type LedgerExecutorSpec = Extract<ExecutorSpec, { type: 'ledger' }>;

interface LedgerRow {
  id: string;
  action_id: string;
  kind: 'entry' | 'reversal';
  reverses: string | null;
  account: string;
  resource: string;
  amount: string | null;
}

const COLUMNS = 'id::text AS id, action_id, kind, reverses::text AS reverses, account, resource, amount::text AS amount';

function amountOf(spec: LedgerExecutorSpec, input: PublishInput): number | null {
  if (spec.amount_param === undefined) return null;
  const value = input.params[spec.amount_param];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') {
    throw new ExecutorError(
      ErrorCode.ExecutorFailed,
      `ledger executor: params.${spec.amount_param} of action ${input.actionId} is a ${Array.isArray(value) ? 'array' : typeof value}, not a number; send the amount as a JSON number`,
      { retryable: false },
    );
  }
  return value;
}

// pg returns bigint ids and numeric amounts as text: kept so, exact and JSON-safe.
function receiptOf(row: LedgerRow): Receipt {
  const details: Record<string, JsonValue> = {
    id: row.id,
    kind: row.kind,
    account: row.account,
    resource: row.resource,
    amount: row.amount,
  };
  if (row.reverses !== null) details.reverses = row.reverses;
  return { executor: 'ledger', reference: `ledger:${row.id}`, details };
}

async function rowByKey(pool: Pool, key: string): Promise<LedgerRow | undefined> {
  const result = await pool.query<LedgerRow>(`SELECT ${COLUMNS} FROM ledger_entries WHERE idempotency_key = $1`, [key]);
  return result.rows[0];
}

function keyReused(key: string, row: LedgerRow, input: PublishInput): ExecutorError {
  return new ExecutorError(
    ErrorCode.ExecutorFailed,
    `ledger executor: idempotency key ${key} already holds ledger ${row.kind} ${row.id} of action ${row.action_id}, not an entry of action ${input.actionId}; use a key unique to the action`,
    { retryable: false },
  );
}

/**
 * Publishes an action as one entry in `ledger_entries` and rolls it back with a reversal row.
 * Database errors propagate unwrapped, so the activity retries them for as long as it takes.
 */
export function createLedgerExecutor(spec: LedgerExecutorSpec, pool: Pool): Executor {
  return {
    async execute(input) {
      const amount = amountOf(spec, input);
      const payload = { action: input.action, draftHash: sha256Hex(input.draft), params: input.params };
      await pool.query(
        `INSERT INTO ledger_entries (idempotency_key, action_id, account, kind, resource, amount, payload)
         VALUES ($1, $2, $3, 'entry', $4, $5, $6::jsonb)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [input.idempotencyKey, input.actionId, spec.account, input.resource, amount, JSON.stringify(payload)],
      );
      const row = await rowByKey(pool, input.idempotencyKey);
      if (row === undefined) throw new Error(`ledger entry ${input.idempotencyKey} vanished right after it was written`);
      if (row.kind !== 'entry' || row.action_id !== input.actionId) throw keyReused(input.idempotencyKey, row, input);
      return receiptOf(row);
    },

    // Looks the entry up by key rather than trusting the receipt: with a null receipt the publish
    // may still have written it.
    async compensate(input) {
      const entry = await rowByKey(pool, input.idempotencyKey);
      if (entry === undefined) {
        return {
          executor: 'ledger',
          reference: 'ledger:none',
          details: { reversed: false, reason: `no ledger entry was written for ${input.idempotencyKey}; nothing to reverse` },
        };
      }
      if (entry.kind !== 'entry' || entry.action_id !== input.actionId) throw keyReused(input.idempotencyKey, entry, input);
      const reversalKey = `${input.idempotencyKey}:reversal`;
      const payload = { action: input.action, reverses: entry.id, reason: 'compensation' };
      await pool.query(
        `INSERT INTO ledger_entries (idempotency_key, action_id, account, kind, reverses, resource, amount, payload)
         SELECT $1, action_id, account, 'reversal', id, resource, -amount, $3::jsonb
           FROM ledger_entries WHERE id = $2
         ON CONFLICT DO NOTHING`,
        [reversalKey, entry.id, JSON.stringify(payload)],
      );
      const result = await pool.query<LedgerRow>(`SELECT ${COLUMNS} FROM ledger_entries WHERE reverses = $1`, [entry.id]);
      const reversal = result.rows[0];
      if (reversal === undefined) throw new Error(`the reversal of ledger entry ${entry.id} vanished right after it was written`);
      return receiptOf(reversal);
    },
  };
}
