import type { Policy } from '../policy/policy-schema.ts';
import { ownEntry } from '../policy/own-entry.ts';
import type { ExecutorSpec } from './executor-spec.ts';
import { misconfigured } from './executor-error.ts';

/**
 * The executor the worker's own policy names for an action. A workflow's input is not asked:
 * whoever can start a workflow must not be able to point an executor, and the worker's
 * credentials, at a URL of their own.
 */
export function executorSpecFor(policy: Policy, action: string): ExecutorSpec {
  const spec = ownEntry(policy.actions, action)?.executor;
  if (!spec) throw misconfigured(`the worker's policy names no executor for action ${action}; nothing was published (add one under actions.${action}.executor)`);
  return spec;
}
