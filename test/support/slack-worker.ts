import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/create-activities.ts';
import { createExecutor } from '../../src/executors/create-executor.ts';
import { createNotifiers } from '../../src/notifiers/create-notifiers.ts';
import type { Notifier } from '../../src/notifiers/notifier.ts';
import { correlateActivityLogs } from '../../src/worker/correlate-logs.ts';
import { WORKFLOWS_PATH, type WorkerDeps } from '../../src/worker/create-worker.ts';

/**
 * createCountersignWorker with the Slack notifier among the notifiers. The worker factory does
 * not take one yet (src/worker/ is not the Slack work's to change); once WorkerDeps carries
 * `slack`, the harness passes it there and this file goes.
 */
export function slackWorkerFactory(slack: Notifier) {
  return (deps: WorkerDeps): Promise<Worker> => createWorkerWithSlack(deps, slack);
}

async function createWorkerWithSlack(deps: WorkerDeps, slack: Notifier): Promise<Worker> {
  if (deps.email) throw new Error('the Slack test worker has no email notifier; test email and Slack in separate files');
  const activities = createActivities({
    pool: deps.pool,
    executorFor: (spec) => createExecutor(spec, { pool: deps.pool, env: deps.env }),
    now: deps.now ?? (() => new Date()),
    notifiers: createNotifiers(deps.notifiers, { log: deps.log, env: deps.env, slack }),
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
