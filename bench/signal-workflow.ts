import * as wf from '@temporalio/workflow';
import type { SignalActivities } from './signal-activities.ts';

export const goSignal = wf.defineSignal('go');
/** True once the workflow has run and waits for `go`. */
export const waitingQuery = wf.defineQuery<boolean>('waiting');

const { ran } = wf.proxyActivities<SignalActivities>({ startToCloseTimeout: '1 minute' });

/** The baseline of approve → publish: wait for one signal, then run one no-op activity. */
export async function signalWorkflow(): Promise<void> {
  let go = false;
  wf.setHandler(
    goSignal,
    () => {
      go = true;
    },
    { description: 'Run the activity.' },
  );
  wf.setHandler(waitingQuery, () => !go, { description: 'Waiting for go.' });
  await wf.condition(() => go);
  await ran(wf.workflowInfo().workflowId);
}
