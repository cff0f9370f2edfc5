import type { Pool } from '../../src/db/pool.ts';

/** The audit event types of one action, in chain order. */
export async function eventTypes(pool: Pool, actionId: string): Promise<string[]> {
  const { rows } = await pool.query<{ type: string }>('SELECT type FROM audit_events WHERE action_id = $1 ORDER BY seq', [actionId]);
  return rows.map((r) => r.type);
}

export async function auditEvents(pool: Pool, actionId: string) {
  const { rows } = await pool.query<{ type: string; actor: string; payload: Record<string, unknown>; policy_version: string }>(
    'SELECT type, actor, payload, policy_version FROM audit_events WHERE action_id = $1 ORDER BY seq',
    [actionId],
  );
  return rows;
}

export async function actionRow(pool: Pool, actionId: string) {
  const { rows } = await pool.query<{ state: string; tier: number; rule: string; reason: string | null; window_closes_at: Date | null }>(
    'SELECT state, tier, rule, reason, window_closes_at FROM actions WHERE action_id = $1',
    [actionId],
  );
  return rows[0];
}

export async function ledgerEntries(pool: Pool, actionId: string) {
  const { rows } = await pool.query<{ kind: string; amount: string | null; account: string; payload: Record<string, unknown> }>(
    'SELECT kind, amount, account, payload FROM ledger_entries WHERE action_id = $1 ORDER BY id',
    [actionId],
  );
  return rows;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
