import { hashOf } from '../src/canonical/sha256.ts';
import { inTransaction } from '../src/db/pool.ts';
import { loadRequest, saveDraft } from '../src/read-model/action-store.ts';
import { recordTransition } from '../src/read-model/record-transition.ts';
import type { ActivityDeps } from './activity-deps.ts';

export interface StepInput {
  actionId: string;
  policyVersion: string;
}

/** WRITE: stages the agent's draft and params, content-hashed, in PostgreSQL. */
export function stageDraftActivity(deps: ActivityDeps) {
  return async function stageDraft(input: StepInput): Promise<{ draftHash: string }> {
    return inTransaction(deps.pool, async (client) => {
      const request = await loadRequest(client, input.actionId);
      const draftHash = hashOf({ draft: request.draft, params: request.params });
      const at = deps.now();
      await saveDraft(client, input.actionId, 'staged', { contentHash: draftHash, draft: request.draft, params: request.params }, at);
      await recordTransition(client, {
        actionId: input.actionId,
        eventKey: `${input.actionId}:staged`,
        type: 'staged',
        state: 'staged',
        actor: 'countersign',
        policyVersion: input.policyVersion,
        payload: { draftHash, draftLength: request.draft.length },
        occurredAt: at,
      });
      return { draftHash };
    });
  };
}
