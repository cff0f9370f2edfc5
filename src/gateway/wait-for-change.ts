import type { Pool } from '../db/pool.ts';

const POLL_MS = 100;

/**
 * Long poll: resolves once the action has changed since `seen` (its state, or a transition that
 * keeps the state, such as the rollback window closing), when `until` passes, or when `signal`
 * aborts (the client went away). Reads the read model, which every transition updates.
 */
export async function waitForChange(pool: Pool, actionId: string, seen: { state: string; updatedAt: Date }, until: number, signal: AbortSignal): Promise<void> {
  while (Date.now() < until && !signal.aborted) {
    const { rows } = await pool.query<{ state: string; updated_at: Date }>('SELECT state, updated_at FROM actions WHERE action_id = $1', [actionId]);
    const row = rows[0];
    if (!row || row.state !== seen.state || row.updated_at.getTime() !== seen.updatedAt.getTime()) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(until - Date.now(), 0))));
  }
}
