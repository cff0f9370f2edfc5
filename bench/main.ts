// `npm run bench`: figures from one run against one dev server and one database, each against a
// baseline measured in the same run, printed as ratios. Not a test: nothing here can fail CI.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Worker } from '@temporalio/worker';
import { appendAuditEvent } from '../src/audit/append-event.ts';
import { inTransaction, type Pool } from '../src/db/pool.ts';
import { createHarness } from '../test/support/harness.ts';
import { request, testPolicy } from '../test/support/test-policy.ts';
import { approvalLatency } from './approval-latency.ts';
import { bareActivities } from './bare-activities.ts';
import { dlpBenchmark } from './dlp.ts';
import { BENCH_REQUESTS_PER_MINUTE, gatewayBenchmark } from './gateway.ts';
import { killAllPending } from './kill-all.ts';
import { ms, perSecond, pool, quantile } from './stats.ts';

const TIER1_CALLS = Number(process.env.BENCH_TIER1_CALLS ?? 300);
const TIER2_ACTIONS = Number(process.env.BENCH_TIER2_ACTIONS ?? 200);
const AUDIT_APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 3000);
const APPROVALS = Number(process.env.BENCH_APPROVALS ?? 100);
const KILL_ACTIONS = Number(process.env.BENCH_KILL_ACTIONS ?? 1000);
// stage, audit, publish, window_closed: the activities of a tier-2 action's walk.
const TIER2_ACTIVITIES = 4;

const line = (label: string, value: string) => console.log(`${label.padEnd(58)} ${value}`);

async function timed(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

async function appendsPerSecond(db: Pool, writers: number, total: number, plain: boolean): Promise<number> {
  const each = Math.floor(total / writers);
  const elapsed = await timed(() =>
    Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = 0; i < each; i++) {
          const key = randomUUID();
          const payload = { step: 'bench', i, reasoning: 'x'.repeat(200) };
          if (plain) {
            await inTransaction(db, (c) =>
              c.query(
                `INSERT INTO plain_events (event_key, occurred_at, action_id, type, actor, policy_version, payload, content_hash, prev_hash, hash)
                 VALUES ($1, now(), $2, 'requested', 'bench', 'v1', $3, $4, $4, $1)`,
                [key, key, JSON.stringify(payload), '0'.repeat(64)],
              ),
            );
          } else {
            await inTransaction(db, (c) =>
              appendAuditEvent(c, { eventKey: key, occurredAt: new Date(), actionId: key, type: 'requested', actor: 'bench', policyVersion: 'v1', payload }),
            );
          }
        }
      }),
    ),
  );
  return perSecond(each * writers, elapsed);
}

const h = await createHarness(testPolicy({ rollbackWindow: '1ms' }), { gateway: { requestsPerMinute: BENCH_REQUESTS_PER_MINUTE } });
try {
  console.log(`Countersign benchmark, ${new Date().toISOString()} (node ${process.version})\n`);

  // 1. startAction tier 1: policy, rate limits, two audit events, no workflow.
  const latencies: number[] = [];
  for (let i = 0; i < TIER1_CALLS; i++) {
    latencies.push(await timed(() => h.startAction(request({ action: 'create_comment', resource: `github.com/acme/api/issues/${i}` }))));
  }
  line(`startAction tier 1 latency, ${TIER1_CALLS} sequential calls`, `p50 ${ms(quantile(latencies, 0.5))}  p99 ${ms(quantile(latencies, 0.99))}`);

  // 1b. The same tier-1 request through the agent gateway, against in-process and an empty route.
  await gatewayBenchmark(h, line);

  // 2. Tier-2 actions end to end against a bare workflow with as many activities.
  const bareQueue = `bench-bare-${randomUUID()}`;
  const bare = await Worker.create({
    connection: h.temporal.nativeConnection,
    taskQueue: bareQueue,
    workflowsPath: fileURLToPath(new URL('./bare-workflow.ts', import.meta.url)),
    activities: bareActivities,
  });
  const bareRun = bare.run();
  const bareMs = await timed(() =>
    pool(TIER2_ACTIONS, 50, (i) =>
      h.temporal.client.workflow.execute('bareWorkflow', { taskQueue: bareQueue, workflowId: `bare-${i}-${randomUUID()}`, args: [TIER2_ACTIVITIES] }),
    ),
  );
  bare.shutdown();
  await bareRun;
  const tier2Ms = await timed(() =>
    pool(TIER2_ACTIONS, 50, async (i) => {
      const started = await h.startAction(request({ params: { n: i } }));
      if (started.kind !== 'governed') throw new Error('expected a governed action');
      const outcome = await started.result();
      if (outcome !== 'published') throw new Error(`action ended ${outcome}`);
    }),
  );
  const tier2Rate = perSecond(TIER2_ACTIONS, tier2Ms);
  const bareRate = perSecond(TIER2_ACTIONS, bareMs);
  line(`tier-2 actions end to end, ${TIER2_ACTIONS} (50 at a time)`, `${tier2Rate.toFixed(1)}/s`);
  line(`bare workflow with ${TIER2_ACTIVITIES} no-op activities, same count`, `${bareRate.toFixed(1)}/s`);
  line('  ratio tier-2 / bare (aim ≥ 0.8)', (tier2Rate / bareRate).toFixed(2));

  // 3. Audit appends against plain inserts into a table of the same shape (indexes included).
  await h.db.pool.query('CREATE TABLE plain_events (LIKE audit_events INCLUDING ALL)');
  await h.db.pool.query('CREATE SEQUENCE plain_events_seq OWNED BY plain_events.seq');
  await h.db.pool.query("ALTER TABLE plain_events ALTER seq SET DEFAULT nextval('plain_events_seq')");
  for (const writers of [1, 16]) {
    const plain = await appendsPerSecond(h.db.pool, writers, AUDIT_APPENDS, true);
    const chained = await appendsPerSecond(h.db.pool, writers, AUDIT_APPENDS, false);
    line(`audit appends, ${writers} writer(s), ${AUDIT_APPENDS} events`, `${chained.toFixed(0)}/s`);
    line(`plain inserts, ${writers} writer(s), same shape`, `${plain.toFixed(0)}/s`);
    line(`  ratio chained / plain${writers === 16 ? ' (aim ≥ 0.7)' : ''}`, (chained / plain).toFixed(2));
  }

  // 4. Approve → publish of a tier-3 action against a bare signal → activity. This harness's
  // policy fits: merge_pull_request waits 4 h (the default) for approval, its window is 1 ms.
  await approvalLatency(h, APPROVALS, line);

  // 5. DLP: Countersign's scanner against secretlint's recommended preset on 4 KB corpus drafts.
  await dlpBenchmark(line);

  // 6. killAll over pending approvals, and the worker's memory while they wait. Last: it leaves
  // the governor's status frozen (the freeze itself is lifted in SQL).
  await killAllPending(h, KILL_ACTIONS, line);
} finally {
  await h.close();
}
