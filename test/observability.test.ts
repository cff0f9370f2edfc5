import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import { createLogger } from '../src/logging/create-logger.ts';
import { forwardTemporalLogs } from '../src/logging/forward-temporal-logs.ts';
import { createMetricsSource } from '../src/metrics/metrics-source.ts';
import { createHttpServer } from '../src/server/create-http-server.ts';
import { serviceChecks } from '../src/server/health.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { eventually } from './support/queries.ts';
import { runtimeInstalledByTest } from './support/quiet-runtime.ts';
import { runCountersign } from './support/run-cli.ts';
import { request, testPolicy } from './support/test-policy.ts';

// The worker's log lines and the SDK's (activities included) go through pino into this list, as JSON.
const logLines: Array<Record<string, unknown>> = [];
const workerLog = createLogger(
  'info',
  'countersign',
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);
forwardTemporalLogs(workerLog);
runtimeInstalledByTest();

/** Prometheus text → { 'name{labels}': value }. */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

describe('metrics and correlated logs', () => {
  let h: Harness;
  let server: FastifyInstance;
  let base: string;
  before(async () => {
    h = await createHarness(testPolicy({ rollbackWindow: '1s', ciTimeout: '1m', approvalTimeout: '5m' }), { log: workerLog });
    server = await createHttpServer({ log: createLogger('silent'), checks: serviceChecks(h.db.pool, h.temporal.client), metrics: createMetricsSource(h.db.pool) });
    base = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await server.close();
    await h.close();
  });

  async function scrape(): Promise<Map<string, number>> {
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return parseMetrics(await response.text());
  }

  const cli = async (args: string[]): Promise<number> => (await runCountersign(h, args, { operator: 'erin' })).code;

  it('GET /health answers which dependency is up', async () => {
    const response = await fetch(`${base}/health`);
    assert.deepEqual([response.status, await response.json()], [200, { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } }]);
  });

  it('after a scripted run the scrape shows outcomes, guardrails, interventions, latencies, rollbacks and the freeze', async () => {
    const submit = createSubmitDecision({ pool: h.db.pool, temporal: h.temporal.client });
    await h.startAction(request({ action: 'create_comment' }));
    assert.equal(await governed(await h.startAction(request({ action: 'create_pull_request' }))).result(), 'published');
    await assert.rejects(h.startAction(request({ action: 'force_push' })));
    const leaky = governed(await h.startAction(request({ draft: 'token ghp_0123456789abcdefghijABCDEFGHIJ0123456789' })));
    assert.equal(await leaky.result(), 'blocked');

    const approved = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 1 } })));
    await submit(approved.actionId, 'approve', h.signedDecision('approve', await awaitingApproval(approved), 'bob'));
    assert.equal(await approved.result(), 'published');
    const rejected = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 2 } })));
    await submit(rejected.actionId, 'reject', h.signedDecision('reject', await awaitingApproval(rejected), 'carol', { reason: 'no' }));
    assert.equal(await rejected.result(), 'rejected');
    await assert.rejects(submit(rejected.actionId, 'approve', h.signedDecision('approve', { actionId: rejected.actionId, actionHash: 'a'.repeat(64) }, 'bob')));

    const ci = governed(await h.startAction(request({ action: 'open_pr_with_ci' })));
    await eventually(async () => ((await h.db.pool.query('SELECT 1 FROM actions WHERE action_id = $1 AND state = $2', [ci.actionId, 'published'])).rowCount ? true : undefined));
    await h.requestRollback(ci.actionId, { by: 'erin', reason: 'wrong branch' });
    assert.equal(await ci.result(), 'rolled_back');

    const m = await scrape();
    const v = (key: string) => m.get(key) ?? 0;
    assert.equal(v('countersign_actions_total{agent="bot",action="create_comment",tier="1",outcome="allowed"}'), 1);
    assert.equal(v('countersign_actions_total{agent="bot",action="create_pull_request",tier="2",outcome="published"}'), 1);
    assert.equal(v('countersign_actions_total{agent="bot",action="create_pull_request",tier="2",outcome="blocked"}'), 1);
    assert.equal(v('countersign_actions_total{agent="bot",action="force_push",tier="4",outcome="refused"}'), 1);
    assert.equal(v('countersign_actions_total{agent="bot",action="merge_pull_request",tier="3",outcome="published"}'), 1);
    assert.equal(v('countersign_actions_total{agent="bot",action="merge_pull_request",tier="3",outcome="rejected"}'), 1);
    assert.equal(v('countersign_actions_total{agent="bot",action="open_pr_with_ci",tier="2",outcome="rolled_back"}'), 1);
    assert.equal(v('countersign_guardrail_triggers_total{guardrail="policy_action_blacklisted"}'), 1);
    assert.equal(v('countersign_guardrail_triggers_total{guardrail="dlp_block"}'), 1);
    assert.equal(v('countersign_guardrail_triggers_total{guardrail="decision_closed"}'), 1);
    assert.equal(v('countersign_human_interventions_total{kind="approve"}'), 1);
    assert.equal(v('countersign_human_interventions_total{kind="reject"}'), 1);
    assert.equal(v('countersign_human_interventions_total{kind="rollback"}'), 1);
    assert.equal(v('countersign_approval_wait_seconds_count{result="approved"}'), 1);
    assert.equal(v('countersign_approval_wait_seconds_count{result="rejected"}'), 1);
    assert.equal(v('countersign_approve_to_publish_seconds_count'), 1);
    assert.ok(v('countersign_approve_to_publish_seconds_sum') > 0);
    assert.equal(v('countersign_approve_to_publish_seconds_bucket{le="+Inf"}'), 1);
    assert.equal(v('countersign_rollbacks_total{cause="manual",result="done"}'), 1);
    assert.equal(v('countersign_frozen'), 0);
    assert.equal(v('countersign_actions_in_state{state="rolled_back"}'), 1);

    // A second scrape reads only what is new: the counters do not double.
    assert.equal((await scrape()).get('countersign_human_interventions_total{kind="approve"}'), 1);

    assert.equal(await cli(['kill', '--reason', 'drill']), 0);
    await eventually(async () => ((await scrape()).get('countersign_frozen') === 1 ? true : undefined));
    assert.equal((await scrape()).get('countersign_human_interventions_total{kind="kill_all"}'), 1);
    await eventually(async () => ((await cli(['resume'])) === 0 ? true : undefined));
    const resumed = await scrape();
    assert.equal(resumed.get('countersign_frozen'), 0);
    assert.equal(resumed.get('countersign_human_interventions_total{kind="resume"}'), 1);
  });

  it("every log line about an action, the SDK's and the notifiers', carries actionId, agentId, taskId, workflowId and runId", async () => {
    const action = governed(await h.startAction(request({ taskId: 'task-logs-1' })));
    assert.equal(await action.result(), 'published');
    const lines = logLines.filter((line) => line.actionId === action.actionId);
    const steps = lines.map((line) => line.msg);
    for (const step of ['stageDraft done', 'auditDraft done', 'publish done']) assert.ok(steps.includes(step), `${step} in ${JSON.stringify(steps)}`);
    // The log notifier's lines are written by our code, not the SDK's, and carry the same ids.
    assert.ok(steps.includes('action published'), `the log notifier's line in ${JSON.stringify(steps)}`);
    const runId = (await action.handle.describe()).runId;
    for (const line of lines) {
      assert.equal(line.agentId, 'bot');
      assert.equal(line.taskId, 'task-logs-1');
      assert.equal(line.workflowId, `action-${action.actionId}`);
      assert.equal(line.runId, runId);
      assert.equal(line.level, 30);
    }
  });
});
