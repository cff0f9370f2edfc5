import type { Pool } from '../src/db/pool.ts';
import type { Executor } from '../src/executors/executor.ts';
import type { ExecutorSpec } from '../src/executors/executor-spec.ts';

/** What activities are built from; the worker, the composition root, supplies it. */
export interface ActivityDeps {
  pool: Pool;
  executorFor: (spec: ExecutorSpec) => Executor;
  now: () => Date;
}
