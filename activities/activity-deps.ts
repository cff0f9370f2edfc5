import type { Client } from '@temporalio/client';
import type { Pool } from '../src/db/pool.ts';
import type { Executor } from '../src/executors/executor.ts';
import type { ExecutorSpec } from '../src/executors/executor-spec.ts';
import type { Notifier } from '../src/notifiers/notifier.ts';

/** What activities are built from; the worker, the composition root, supplies it. */
export interface ActivityDeps {
  pool: Pool;
  executorFor: (spec: ExecutorSpec) => Executor;
  now: () => Date;
  notifiers: ReadonlyMap<string, Notifier>;
  /** For the kill switch, which signals every open action. */
  temporal: Client;
}
