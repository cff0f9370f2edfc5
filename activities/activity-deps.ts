import type { Client } from '@temporalio/client';
import type { Pool } from '../src/db/pool.ts';
import type { Executor } from '../src/executors/executor.ts';
import type { Notifier } from '../src/notifiers/notifier.ts';

/** What activities are built from; the worker, the composition root, supplies it. */
export interface ActivityDeps {
  pool: Pool;
  /** The executor the worker's own policy names for an action (never the workflow input's). */
  executorFor: (action: string) => Executor;
  now: () => Date;
  notifiers: ReadonlyMap<string, Notifier>;
  /** For the kill switch, which signals every open action. */
  temporal: Client;
}
