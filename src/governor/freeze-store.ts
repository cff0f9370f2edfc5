import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { KillArgs } from '../action/kill-args.ts';
import type { DbClient } from '../db/pool.ts';

const FreezeRowSchema = z.object({
  frozen: z.boolean(),
  engaged_by: z.string().nullable(),
  reason: z.string().nullable(),
  since: z.date().nullable(),
  rollback: z.boolean(),
  epoch: z.string(),
});

export interface Freeze {
  frozen: boolean;
  by: string | null;
  reason: string | null;
  since: Date | null;
  rollback: boolean;
  /** Names this freeze; a resume must attest it. */
  epoch: string;
}

function toFreeze(raw: unknown): Freeze {
  const row = FreezeRowSchema.parse(raw);
  return { frozen: row.frozen, by: row.engaged_by, reason: row.reason, since: row.since, rollback: row.rollback, epoch: row.epoch };
}

/**
 * Reads the kill switch. `share` locks it against a freeze being engaged until the caller's
 * transaction ends: publish reads it so, in the transaction that records its attempt.
 */
export async function readFreeze(client: DbClient, share = false): Promise<Freeze> {
  const { rows } = await client.query(`SELECT * FROM kill_switch WHERE id = 1${share ? ' FOR SHARE' : ''}`);
  return toFreeze(rows[0]);
}

/** Engages the freeze (or returns it as it is when already engaged); waits for in-flight publish checks. */
export async function engageFreeze(client: DbClient, args: KillArgs, at: Date): Promise<{ freeze: Freeze; changed: boolean }> {
  const current = toFreeze((await client.query('SELECT * FROM kill_switch WHERE id = 1 FOR UPDATE')).rows[0]);
  if (current.frozen) return { freeze: current, changed: false };
  const { rows } = await client.query(
    `UPDATE kill_switch SET frozen = true, engaged_by = $1, reason = $2, since = $3, rollback = $4, epoch = $5, changed_at = $3
     WHERE id = 1 RETURNING *`,
    [args.by, args.reason, at, args.rollback, randomBytes(32).toString('hex')],
  );
  return { freeze: toFreeze(rows[0]), changed: true };
}

/** Lifts the freeze named by `epoch`; false when that freeze is no longer the current one. */
export async function liftFreeze(client: DbClient, epoch: string, at: Date): Promise<boolean> {
  const { rowCount } = await client.query(
    'UPDATE kill_switch SET frozen = false, changed_at = $2 WHERE id = 1 AND frozen AND epoch = $1',
    [epoch, at],
  );
  return rowCount === 1;
}
