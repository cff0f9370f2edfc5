import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Fields every log line written inside a scope carries (an activity's actionId, agentId, taskId,
 * workflowId, runId), whichever module writes the line: the root logger mixes them in.
 */
export const logContext = new AsyncLocalStorage<Readonly<Record<string, string>>>();
