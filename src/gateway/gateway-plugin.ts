import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { findAgentKey } from '../agent-keys/agent-key-store.ts';
import type { Channel } from '../approvals/decision.ts';
import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logging/create-logger.ts';
import type { LoadedPolicy } from '../policy/load-policy.ts';
import { createRequestRollback } from '../requests/request-rollback.ts';
import { createStartAction } from '../requests/start-action.ts';
import { createAgentApi } from './agent-api.ts';
import { gatewayRoutes } from './gateway-routes.ts';

export interface GatewayPluginDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  policy: LoadedPolicy;
  /** The deciding channels' public keys, which tier-3+ workflows verify approvals with. */
  channelKeys: Partial<Record<Channel, string>>;
  log: Logger;
  requestsPerMinute: number;
  now?: () => Date;
}

/** The agent gateway as the server mounts it: startAction, rollback and key checks, inside. */
export function gatewayPlugin(deps: GatewayPluginDeps): FastifyPluginAsync {
  const clock = deps.now ? { now: deps.now } : {};
  const api = createAgentApi({
    pool: deps.pool,
    startAction: createStartAction({ pool: deps.pool, temporal: deps.temporal, taskQueue: deps.taskQueue, policy: deps.policy, channelKeys: deps.channelKeys, ...clock }),
    requestRollback: createRequestRollback({ pool: deps.pool, temporal: deps.temporal, ...clock }),
    policyVersion: deps.policy.version,
    ...clock,
  });
  return gatewayRoutes({ api, findKey: (keyId) => findAgentKey(deps.pool, keyId), log: deps.log.child({ component: 'gateway' }), requestsPerMinute: deps.requestsPerMinute });
}
