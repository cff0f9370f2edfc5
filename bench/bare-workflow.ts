import * as wf from '@temporalio/workflow';
import type { BareActivities } from './bare-activities.ts';

const { step } = wf.proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

/** The baseline: a workflow with as many activities as a tier-2 action's walk, doing nothing. */
export async function bareWorkflow(activities: number): Promise<void> {
  for (let i = 0; i < activities; i++) await step(i);
}
