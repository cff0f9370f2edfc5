// approve → publish of a tier-3 action, one at a time, against a bare workflow that waits on a
// signal and then runs one no-op activity: the least Temporal itself needs for the same step.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import type { Pool } from '../src/db/pool.ts';
import { awaitingApproval } from '../test/support/approvals.ts';
import type { Harness } from '../test/support/harness.ts';
import { request } from '../test/support/test-policy.ts';
import { approveUpdate } from '../workflows/messages.ts';
import { activityRanAt, signalActivities } from './signal-activities.ts';
import { goSignal, signalWorkflow, waitingQuery } from './signal-workflow.ts';
import { ms, quantile } from './stats.ts';

type Print = (label: string, value: string) => void;

const POLL_MS = 2;
const TIMEOUT_MS = 30_000;

const pause = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

/** Polls every `POLL_MS` until `check` holds; the `performance.now()` at which it was seen. */
async function seenAt(check: () => Promise<boolean>, what: string): Promise<number> {
  const deadline = performance.now() + TIMEOUT_MS;
  for (;;) {
    if (await check()) return performance.now();
    if (performance.now() > deadline) throw new Error(`${what} not seen within ${TIMEOUT_MS} ms`);
    await pause(POLL_MS);
  }
}

const hasLedgerEntry = async (db: Pool, actionId: string) =>
  ((await db.query('SELECT 1 FROM ledger_entries WHERE action_id = $1 LIMIT 1', [actionId])).rowCount ?? 0) > 0;

/** Milliseconds from sending the signed approve until the action's ledger entry exists. */
async function approveToPublish(h: Harness, i: number): Promise<number> {
  const started = await h.startAction(request({ action: 'merge_pull_request', resource: `github.com/acme/api/pull/${i}`, params: { pr: i } }));
  if (started.kind !== 'governed') throw new Error('expected a governed action');
  const decision = h.signedDecision('approve', await awaitingApproval(started), 'bob');
  const t0 = performance.now();
  const [published] = await Promise.all([
    seenAt(() => hasLedgerEntry(h.db.pool, started.actionId), `the ledger entry of ${started.actionId}`),
    started.handle.executeUpdate(approveUpdate, { args: [decision] }),
  ]);
  const outcome = await started.result();
  if (outcome !== 'published') throw new Error(`action ended ${outcome}`);
  return published - t0;
}

/** Milliseconds from sending `go` to a waiting bare workflow until its activity ran. */
async function signalToActivity(h: Harness, taskQueue: string): Promise<number> {
  const workflowId = `signal-${randomUUID()}`;
  const handle = await h.temporal.client.workflow.start(signalWorkflow, { taskQueue, workflowId });
  await seenAt(() => handle.query(waitingQuery), `workflow ${workflowId} waiting`);
  const t0 = performance.now();
  await handle.signal(goSignal);
  await handle.result();
  const ranAt = activityRanAt.get(workflowId);
  activityRanAt.delete(workflowId);
  if (ranAt === undefined) throw new Error(`the activity of ${workflowId} did not run`);
  return ranAt - t0;
}

export async function approvalLatency(h: Harness, approvals: number, print: Print): Promise<void> {
  const taskQueue = `bench-signal-${randomUUID()}`;
  const worker = await Worker.create({
    connection: h.temporal.nativeConnection,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('./signal-workflow.ts', import.meta.url)),
    activities: signalActivities,
  });
  const running = worker.run();
  const bare: number[] = [];
  try {
    for (let i = 0; i < approvals; i++) bare.push(await signalToActivity(h, taskQueue));
  } finally {
    worker.shutdown();
    await running;
  }
  const governed: number[] = [];
  for (let i = 0; i < approvals; i++) governed.push(await approveToPublish(h, i));

  const p50 = quantile(governed, 0.5);
  const bareP50 = quantile(bare, 0.5);
  print(`approve → ledger entry, ${approvals} tier-3 actions, 1 at a time`, `p50 ${ms(p50)}  p99 ${ms(quantile(governed, 0.99))}`);
  print('bare workflow, signal → one no-op activity, same count', `p50 ${ms(bareP50)}  p99 ${ms(quantile(bare, 0.99))}`);
  print('  ratio p50 approve / bare (aim: approve p50 < 50 ms)', (p50 / bareP50).toFixed(2));
}
