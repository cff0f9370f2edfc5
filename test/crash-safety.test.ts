import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { generateKeyPair, type KeyPair } from '../src/approvals/channel-keys.ts';
import type { Channel } from '../src/approvals/decision.ts';
import { signAttestation } from '../src/approvals/sign-attestation.ts';
import { verifyChain } from '../src/audit/verify-chain.ts';
import { createStartAction } from '../src/requests/start-action.ts';
import type { GovernedAction, StartActionResult } from '../src/requests/start-result.ts';
import { parsePolicy } from '../src/policy/load-policy.ts';
import { approveUpdate } from '../workflows/messages.ts';
import { awaitingApproval } from './support/approvals.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { eventTypes, eventually, ledgerEntries } from './support/queries.ts';
import { quietTemporalRuntime } from './support/quiet-runtime.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { request, testPolicy } from './support/test-policy.ts';
import { startTestTemporal } from './support/test-temporal.ts';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.ts';

const CHANNELS: Channel[] = ['slack', 'email', 'cli', 'http'];

function governed(result: StartActionResult): GovernedAction {
  assert.equal(result.kind, 'governed');
  return result;
}

/** Seconds since `start`, for the diagnostics that report how long recovery took. */
const secondsSince = (start: number): string => `${((Date.now() - start) / 1000).toFixed(1)} s`;

describe('crash safety: a worker killed with SIGKILL mid-action', () => {
  let db: TestDatabase;
  let temporal: TestWorkflowEnvironment;
  let api: Awaited<ReturnType<typeof startLoopbackHttp>>;
  let startAction: ReturnType<typeof createStartAction>;
  let policyYaml: string;
  const keys = Object.fromEntries(CHANNELS.map((c) => [c, generateKeyPair()])) as Record<Channel, KeyPair>;
  const publicKeys = Object.fromEntries(CHANNELS.map((c) => [c, keys[c].publicKey])) as Record<Channel, string>;
  const taskQueue = `countersign-crash-${randomBytes(4).toString('hex')}`;
  const workers: WorkerProcess[] = [];

  before(async () => {
    quietTemporalRuntime();
    db = await createTestDatabase();
    temporal = await startTestTemporal();
    api = await startLoopbackHttp();
    policyYaml = testPolicy({ httpBase: api.base, rollbackWindow: '1s' });
    const policy = parsePolicy(policyYaml, 'test-policy.yaml');
    startAction = createStartAction({ pool: db.pool, temporal: temporal.client, taskQueue, policy, channelKeys: publicKeys });
  });
  after(async () => {
    for (const worker of workers) await worker.stop();
    await api.close();
    await temporal.teardown();
    await db.drop();
  });

  /** A worker in a process of its own, on this file's database, Temporal and task queue. */
  async function startWorker(): Promise<WorkerProcess> {
    const worker = await startWorkerProcess({
      databaseUrl: db.url,
      temporalAddress: temporal.address,
      namespace: 'default',
      taskQueue,
      policyYaml,
      env: { DEPLOY_TOKEN: 'crash-test-token' },
    });
    workers.push(worker);
    return worker;
  }

  async function publishedEvents(actionId: string): Promise<number> {
    return (await eventTypes(db.pool, actionId)).filter((t) => t === 'published').length;
  }

  it('publishes a tier-3 action exactly once when its worker is killed while it waits for approval', async (t) => {
    let worker = await startWorker();
    const action = governed(await startAction(request({ action: 'merge_pull_request', params: { pr: 7 } })));
    const subject = await awaitingApproval(action);
    // Kill it idle, between activities: the approval request's notification has finished too.
    await eventually(async () => ((await action.handle.describe()).raw.pendingActivities?.length ? undefined : true));

    await worker.kill('SIGKILL');
    const killedAt = Date.now();
    worker = await startWorker();
    t.diagnostic(`a new worker was ready ${secondsSince(killedAt)} after the kill`);
    // Signed now, so the attestation is fresh whenever the new worker takes the update.
    const decision = { approver: 'bob', channel: 'cli' as const, attestation: signAttestation(keys.cli.privateKey, { ...subject, approver: 'bob', decision: 'approve', channel: 'cli' }) };
    const answer = await action.handle.executeUpdate(approveUpdate, { args: [decision] });
    t.diagnostic(`approve answered ${secondsSince(killedAt)} after the kill`);
    assert.equal(answer.message, 'accepted, 1 of 1');
    assert.equal(await action.result(), 'published');
    t.diagnostic(`published ${secondsSince(killedAt)} after the kill`);

    assert.equal((await ledgerEntries(db.pool, action.actionId)).length, 1, 'one ledger entry');
    assert.deepEqual(await eventTypes(db.pool, action.actionId), [
      'requested',
      'started',
      'staged',
      'audited',
      'approval_requested',
      'approval_accepted',
      'approved',
      'publishing',
      'published',
      'window_closed',
    ]);
    assert.equal(await publishedEvents(action.actionId), 1);
    assert.equal((await verifyChain(db.pool)).ok, true);
    await worker.stop();
  });

  it('publishes once, with one idempotency key, when its worker is killed while the deploy request is in flight', async (t) => {
    // The first deploy request is held open, as a slow deploy API would; the worker dies waiting.
    api.setReply((r) => (r.path === '/deploy' ? 'hang' : { status: 200, body: {} }));
    let worker = await startWorker();
    const action = governed(await startAction(request({ action: 'deploy_service', resource: 'svc/api', params: { version: '1.2.3' } })));
    await eventually(() => Promise.resolve(api.requests.some((r) => r.path === '/deploy') ? true : undefined), 30_000);

    await worker.kill('SIGKILL');
    const killedAt = Date.now();
    api.setReply(() => ({ status: 200, body: { id: 'deploy-1' } }));
    worker = await startWorker();
    t.diagnostic(`a new worker was ready ${secondsSince(killedAt)} after the kill`);
    // Nothing tells Temporal the attempt died with its worker: it is retried when its
    // start-to-close timeout (2 minutes, workflows/governed-action.ts) runs out.
    assert.equal(await action.result(), 'published');
    t.diagnostic(`published ${secondsSince(killedAt)} after the kill`);

    const deploys = api.requests.filter((r) => r.path === '/deploy');
    assert.ok(deploys.length >= 2, `the deploy is retried after the crash (saw ${deploys.length} requests)`);
    assert.deepEqual(new Set(deploys.map((r) => r.headers['idempotency-key'])), new Set([`${action.actionId}:publish`]));
    const types = await eventTypes(db.pool, action.actionId);
    assert.deepEqual(types, ['requested', 'started', 'staged', 'audited', 'publishing', 'published', 'window_closed']);
    assert.equal(await publishedEvents(action.actionId), 1);
    assert.equal((await verifyChain(db.pool)).ok, true);
    await worker.stop();
  });
});
