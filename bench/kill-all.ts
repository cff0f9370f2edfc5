// killAll over many pending approvals, and what the worker (in this process) holds while they wait.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Harness } from '../test/support/harness.ts';
import { request } from '../test/support/test-policy.ts';
import { GOVERNOR_WORKFLOW_ID, killAllSignal } from '../workflows/messages.ts';
import { perSecond, pool } from './stats.ts';

type Print = (label: string, value: string) => void;

const START_CONCURRENCY = 50;
// The setup takes minutes, so it is polled gently; the kill is timed to within one poll.
const SETUP_POLL_MS = 250;
const KILL_POLL_MS = 20;
const TIMEOUT_MS = 10 * 60_000;
const MB = 1024 * 1024;

// A full collection before each reading, so garbage left by earlier sections is not counted.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function memory(): { rss: number; heapUsed: number } {
  collectGarbage();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

/** Polls until every one of `ids` is in `state`; the milliseconds since `t0`, or undefined on timeout. */
async function allIn(h: Harness, ids: string[], state: string, t0: number, pollMs: number): Promise<number | undefined> {
  for (;;) {
    const { rows } = await h.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM actions WHERE action_id = ANY($1) AND state = $2', [ids, state]);
    if ((rows[0]?.n ?? 0) >= ids.length) return performance.now() - t0;
    if (performance.now() - t0 > TIMEOUT_MS) return undefined;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

const seconds = (elapsedMs: number, count: number) => `${(elapsedMs / 1000).toFixed(1)} s (${perSecond(count, elapsedMs).toFixed(0)}/s)`;
const footprint = (m: { rss: number; heapUsed: number }) => `rss ${(m.rss / MB).toFixed(0)} MB  heapUsed ${(m.heapUsed / MB).toFixed(0)} MB`;

/**
 * Starts `count` tier-3 actions and waits until all ask for approval, reading the process's
 * memory before and after; then times killAll until every one of them is killed, and lifts the
 * freeze in SQL so that later work can start actions.
 */
export async function killAllPending(h: Harness, count: number, print: Print): Promise<void> {
  const before = memory();
  const t0 = performance.now();
  const ids = await pool(count, START_CONCURRENCY, async (i) => {
    const started = await h.startAction(request({ action: 'merge_pull_request', resource: `github.com/acme/api/pull/${100_000 + i}`, params: { pr: 100_000 + i } }));
    if (started.kind !== 'governed') throw new Error('expected a governed action');
    return started.actionId;
  });
  const setupMs = await allIn(h, ids, 'awaiting_approval', t0, SETUP_POLL_MS);
  if (setupMs === undefined) {
    print(`${count} tier-3 actions awaiting approval`, `not all within ${TIMEOUT_MS / 60_000} min; killAll skipped`);
    return;
  }
  const pending = memory();
  print(`${count} tier-3 actions started until all await approval`, `${seconds(setupMs, count)}, ${START_CONCURRENCY} at a time`);
  print('bench process memory (worker inside), before them', footprint(before));
  print(`bench process memory, ${count} approvals pending`, footprint(pending));
  print('  per pending approval', `rss ${((pending.rss - before.rss) / count / 1024).toFixed(1)} KB  heapUsed ${((pending.heapUsed - before.heapUsed) / count / 1024).toFixed(1)} KB`);

  try {
    const t1 = performance.now();
    await h.temporal.client.workflow.getHandle(GOVERNOR_WORKFLOW_ID).signal(killAllSignal, { by: 'bench', reason: 'bench' });
    const killMs = await allIn(h, ids, 'killed', t1, KILL_POLL_MS);
    print(`killAll until ${count} pending actions are killed`, killMs === undefined ? `not all within ${TIMEOUT_MS / 60_000} min` : seconds(killMs, count));
  } finally {
    await h.db.pool.query('UPDATE kill_switch SET frozen = false');
  }
}
