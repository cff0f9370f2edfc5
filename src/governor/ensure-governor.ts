import type { Client } from '@temporalio/client';
import type { governor } from '../../workflows/governor.ts';
import { GOVERNOR_WORKFLOW, GOVERNOR_WORKFLOW_ID } from '../../workflows/messages.ts';
import type { GovernorInput } from './governor-status.ts';

/** Starts the governor unless it runs already; every worker calls this on start. */
export async function ensureGovernor(client: Client, taskQueue: string, input: GovernorInput): Promise<void> {
  await client.workflow.start<typeof governor>(GOVERNOR_WORKFLOW, {
    workflowId: GOVERNOR_WORKFLOW_ID,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
