import { hashOf } from '../canonical/sha256.ts';
import type { JsonValue } from '../executors/json-value.ts';

export interface HashedAction {
  agentId: string;
  action: string;
  resource: string;
  /** The publishable (audited, possibly redacted) draft and params. */
  draft: string;
  params: Record<string, JsonValue>;
  policyVersion: string;
}

/**
 * The canonical hash of exactly what would be published: what approvers see, and what publish
 * re-checks before the executor runs.
 */
export function actionHash(action: HashedAction): string {
  return hashOf({
    agentId: action.agentId,
    action: action.action,
    resource: action.resource,
    draft: action.draft,
    params: action.params,
    policyVersion: action.policyVersion,
  });
}
