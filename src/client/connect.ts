import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadChannelKeys } from '../approvals/channel-keys.ts';
import type { RollbackArgs } from '../action/signal-args.ts';
import { loadConfig } from '../config/load-config.ts';
import { choosePolicyFile } from '../config/policy-file.ts';
import { serviceAddresses } from '../config/service-addresses.ts';
import { createPool } from '../db/pool.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { createRequestRollback } from './request-rollback.ts';
import { createStartAction } from './start-action.ts';
import type { StartActionResult } from './start-result.ts';

export interface CountersignClient {
  /** Asks Countersign to perform an action; see README "The startAction client". */
  startAction(request: unknown): Promise<StartActionResult>;
  /** Asks for a manual rollback inside the action's rollback window. */
  rollback(actionId: string, args: RollbackArgs): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects an agent (or any program) to Countersign with the same configuration the worker
 * reads: DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE, COUNTERSIGN_POLICY.
 */
export async function connectCountersign(env: Record<string, string | undefined>, cwd = process.cwd()): Promise<CountersignClient> {
  const config = loadConfig(env, cwd);
  const policy = await loadPolicy(choosePolicyFile(config.policyPath, cwd));
  const { databaseUrl, temporalAddress } = serviceAddresses(config);
  const pool = createPool(databaseUrl, 5);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const keys = await loadChannelKeys({ env: config.env, keysDir: path.join(config.dataDir, 'keys'), generate: false });
  const startAction = createStartAction({ pool, temporal, taskQueue: config.temporal.taskQueue, policy, channelKeys: keys.public });
  const rollback = createRequestRollback({ pool, temporal });
  return {
    startAction,
    rollback,
    async close() {
      await connection.close();
      await pool.end();
    },
  };
}
