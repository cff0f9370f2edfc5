// A worker child for crash tests (started by worker-process.ts): the worker of `npm run worker`,
// configured from one JSON variable instead of the operator's environment, so a test can SIGKILL it.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { createPool } from '../../src/db/pool.ts';
import { createLogger } from '../../src/logging/create-logger.ts';
import { parsePolicy } from '../../src/policy/load-policy.ts';
import { connectTemporal } from '../../src/worker/connect-services.ts';
import { createCountersignWorker } from '../../src/worker/create-worker.ts';
import { quietTemporalRuntime } from './quiet-runtime.ts';
import { BUNDLE_PATH } from './test-temporal.ts';
import { WORKER_CHILD_VARIABLE, WORKER_READY_LINE, WorkerChildConfigSchema, type WorkerChildConfig } from './worker-process.ts';

function readConfig(): WorkerChildConfig {
  const text = process.env[WORKER_CHILD_VARIABLE];
  if (text === undefined) throw new Error(`${WORKER_CHILD_VARIABLE} is not set; start this file through startWorkerProcess`);
  const parsed = WorkerChildConfigSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${WORKER_CHILD_VARIABLE} is invalid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

try {
  // Before the first connection creates the runtime with its default (INFO) logger.
  quietTemporalRuntime();
  const config = readConfig();
  const policy = parsePolicy(config.policyYaml, 'test-policy.yaml');
  const pool = createPool(config.databaseUrl, 5);
  const temporal = await connectTemporal(config.temporalAddress, config.namespace);
  const worker = await createCountersignWorker({
    connection: temporal.nativeConnection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    pool,
    client: temporal.client,
    policy: policy.policy,
    log: createLogger('silent'),
    env: config.env,
    ...(existsSync(BUNDLE_PATH) ? { workflowBundle: { codePath: BUNDLE_PATH } } : {}),
  });
  const running = worker.run();
  // SIGTERM is the test's clean stop; SIGKILL (the crash under test) never reaches this process.
  process.once('SIGTERM', () => worker.shutdown());
  console.log(WORKER_READY_LINE);
  await running;
  await pool.end();
  await temporal.connection.close();
  await temporal.nativeConnection.close();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
