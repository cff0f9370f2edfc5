import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createRequestRollback } from '../../src/client/request-rollback.ts';
import { createStartAction } from '../../src/client/start-action.ts';
import { parsePolicy } from '../../src/policy/load-policy.ts';
import { createCountersignWorker } from '../../src/worker/create-worker.ts';
import { quietTemporalRuntime } from './quiet-runtime.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { BUNDLE_PATH, startTestTemporal } from './test-temporal.ts';

export interface Harness {
  db: TestDatabase;
  temporal: TestWorkflowEnvironment;
  taskQueue: string;
  startAction: ReturnType<typeof createStartAction>;
  requestRollback: ReturnType<typeof createRequestRollback>;
  policyVersion: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Variables executors resolve `${VAR}` from. */
  env?: Record<string, string>;
  now?: () => Date;
}

/**
 * One test file's world: its own database, an in-memory Temporal dev server, a worker on a task
 * queue of its own, and the same startAction an agent uses, over the given policy text.
 */
export async function createHarness(policyYaml: string, options: HarnessOptions = {}): Promise<Harness> {
  quietTemporalRuntime();
  const db = await createTestDatabase();
  const temporal = await startTestTemporal();
  const loaded = parsePolicy(policyYaml, 'test-policy.yaml');
  const taskQueue = `countersign-test-${randomBytes(4).toString('hex')}`;
  const worker: Worker = await createCountersignWorker({
    connection: temporal.nativeConnection,
    namespace: 'default',
    taskQueue,
    pool: db.pool,
    env: options.env ?? {},
    ...(existsSync(BUNDLE_PATH) ? { workflowBundle: { codePath: BUNDLE_PATH } } : {}),
  });
  const running = worker.run();
  const deps = { pool: db.pool, temporal: temporal.client, ...(options.now ? { now: options.now } : {}) };
  return {
    db,
    temporal,
    taskQueue,
    startAction: createStartAction({ ...deps, taskQueue, policy: loaded }),
    requestRollback: createRequestRollback(deps),
    policyVersion: loaded.version,
    async close() {
      worker.shutdown();
      await running;
      await temporal.teardown();
      await db.drop();
    },
  };
}
