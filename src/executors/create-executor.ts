import type { Pool } from '../db/pool.ts';
import type { ExecutorSpec } from './executor-spec.ts';
import type { Executor } from './executor.ts';
import type { Env } from '../config/resolve-variables.ts';
import { createHttpExecutor } from './http-executor.ts';
import { createLedgerExecutor } from './ledger-executor.ts';

export interface ExecutorDeps {
  pool: Pool;
  /** Where `${NAME}` in http headers is resolved: the worker's environment. */
  env: Env;
  fetchImpl?: typeof fetch;
}

/** The executor an action's policy names. */
export function createExecutor(spec: ExecutorSpec, deps: ExecutorDeps): Executor {
  switch (spec.type) {
    case 'ledger':
      return createLedgerExecutor(spec, deps.pool);
    case 'http':
      return createHttpExecutor(spec, deps.env, deps.fetchImpl);
    default: {
      const unknown: never = spec;
      throw new Error(`no executor for ${JSON.stringify(unknown)}; the executor spec schema and createExecutor disagree`);
    }
  }
}
