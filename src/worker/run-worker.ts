import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/load-config.ts';
import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logging/create-logger.ts';
import { createCountersignWorker } from './create-worker.ts';

export interface RunningWorker {
  /** Resolves when the worker has stopped. */
  done: Promise<void>;
  stop(): void;
}

/** Starts the worker; `stop()` drains it (in-flight activities finish) before `done` resolves. */
export async function runWorker(
  config: Config,
  services: { pool: Pool; nativeConnection: NativeConnection; client: Client },
  log: Logger,
): Promise<RunningWorker> {
  const worker = await createCountersignWorker({
    connection: services.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    pool: services.pool,
    env: config.env,
  });
  const done = worker.run();
  log.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'worker running');
  return { done, stop: () => worker.shutdown() };
}
