import type { Pool } from '../db/pool.ts';

const POLL_MS = 100;

/**
 * Long poll: resolves once the action's state is no longer `state`, when `until` passes, or when
 * `signal` aborts (the client went away). Reads the read model, which every step updates.
 */
export async function waitForStateChange(pool: Pool, actionId: string, state: string, until: number, signal: AbortSignal): Promise<void> {
  while (Date.now() < until && !signal.aborted) {
    const { rows } = await pool.query<{ state: string }>('SELECT state FROM actions WHERE action_id = $1', [actionId]);
    if (rows[0]?.state !== state) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(until - Date.now(), 0))));
  }
}
