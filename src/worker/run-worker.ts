import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { Channel } from '../approvals/decision.ts';
import type { Config } from '../config/load-config.ts';
import type { Pool } from '../db/pool.ts';
import { ensureGovernor } from '../governor/ensure-governor.ts';
import { governorInput } from '../governor/governor-input.ts';
import type { Logger } from '../logging/create-logger.ts';
import type { LoadedPolicy } from '../policy/load-policy.ts';
import type { Notifier } from '../notifiers/notifier.ts';
import { createCountersignWorker } from './create-worker.ts';

export interface RunningWorker {
  /** Resolves when the worker has stopped. */
  done: Promise<void>;
  stop(): void;
  /** For the health check: throws unless the worker is polling. */
  checkRunning: () => Promise<void>;
}

/**
 * Starts the worker and, if it is not running yet, the governor; `stop()` drains the worker
 * (in-flight activities finish) before `done` resolves.
 */
export async function runWorker(
  config: Config,
  services: { pool: Pool; nativeConnection: NativeConnection; client: Client },
  policy: LoadedPolicy,
  channelKeys: Partial<Record<Channel, string>>,
  log: Logger,
  /** The Slack notifier (slack-app/'s slackNotifierFor), when the policy and the environment set one up. */
  slack?: Notifier,
): Promise<RunningWorker> {
  const worker = await createCountersignWorker({
    connection: services.nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    pool: services.pool,
    client: services.client,
    policy: policy.policy,
    log,
    env: config.env,
    ...(slack ? { slack } : {}),
    ...(config.email.smtpUrl ? { email: { smtpUrl: config.email.smtpUrl, from: config.email.from, publicUrl: config.http.publicUrl, people: policy.policy.people } } : {}),
  });
  const done = worker.run();
  await ensureGovernor(services.client, config.temporal.taskQueue, governorInput(policy, channelKeys));
  log.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace }, 'worker running');
  return {
    done,
    stop: () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
    },
    checkRunning: () => (worker.getState() === 'RUNNING' ? Promise.resolve() : Promise.reject(new Error(`the worker is ${worker.getState().toLowerCase()}`))),
  };
}
