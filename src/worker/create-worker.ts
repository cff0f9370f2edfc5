import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../../activities/create-activities.ts';
import type { Client } from '@temporalio/client';
import type { Pool } from '../db/pool.ts';
import type { Logger } from '../logging/create-logger.ts';
import { createNotifiers } from '../notifiers/create-notifiers.ts';
import type { Notifier } from '../notifiers/notifier.ts';
import type { Policy } from '../policy/policy-schema.ts';
import { createExecutor } from '../executors/create-executor.ts';
import { executorSpecFor } from '../executors/executor-for-action.ts';
import type { PeopleDirectory } from '../email/email-notifier.ts';
import { createSmtpTransport } from '../email/mail-transport.ts';
import { correlateActivityLogs } from './correlate-logs.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

export interface WorkerEmail {
  smtpUrl: string;
  from: string;
  /** Countersign's HTTP server as approvers reach it, for the links. */
  publicUrl: string;
  people: PeopleDirectory;
}

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  pool: Pool;
  /** For the kill switch's fan-out to open actions. */
  client: Client;
  /** The worker's own policy: its executors and notifiers are the ones that act. */
  policy: Policy;
  log: Logger;
  /** The environment executors resolve `${VAR}` references from. */
  env: Readonly<Record<string, string | undefined>>;
  /** A prebuilt bundle (tests build it once); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkflowBundleOption;
  /** SMTP and the people's addresses: the `email` notifier; absent, actions cannot notify by email. */
  email?: WorkerEmail;
  /** The Slack notifier, built from slack-app/ by the composition root; absent, actions cannot notify slack. */
  slack?: Notifier;
  now?: () => Date;
}

/** The Countersign worker: workflows from workflows/, activities bound to PostgreSQL and executors. */
export async function createCountersignWorker(deps: WorkerDeps): Promise<Worker> {
  const activities = createActivities({
    pool: deps.pool,
    executorFor: (action) => createExecutor(executorSpecFor(deps.policy, action), { pool: deps.pool, env: deps.env }),
    now: deps.now ?? (() => new Date()),
    notifiers: createNotifiers(deps.policy.notifiers, {
      log: deps.log,
      env: deps.env,
      ...(deps.slack ? { slack: deps.slack } : {}),
      ...(deps.email ? { email: { pool: deps.pool, transport: createSmtpTransport(deps.email.smtpUrl), from: deps.email.from, publicUrl: deps.email.publicUrl, people: deps.email.people, now: deps.now ?? (() => new Date()) } } : {}),
    }),
    temporal: deps.client,
  });
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    activities,
    interceptors: { activity: [correlateActivityLogs(deps.pool)] },
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
