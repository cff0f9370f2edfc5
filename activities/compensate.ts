import { inTransaction } from '../src/db/pool.ts';
import type { Receipt } from '../src/executors/executor.ts';
import { recordTransition } from '../src/read-model/record-transition.ts';
import type { ActivityDeps } from './activity-deps.ts';
import { asActivityFailure, loadPublishInput, type PublishStepInput } from './publish.ts';

export interface CompensateInput extends PublishStepInput {
  /** The publish receipt; null when publishing failed midway and may have left something behind. */
  receipt: Receipt | null;
  /** Why: publish_failed, verify_failed, ci_failed, ci_timed_out, manual. */
  cause: string;
  by: string;
  reason: string;
}

/** ROLLBACK: runs the executor's compensation and records the action rolled back. */
export function compensateActivity(deps: ActivityDeps) {
  return async function compensate(input: CompensateInput): Promise<Receipt> {
    const publishInput = await loadPublishInput(deps, input);
    let receipt: Receipt;
    try {
      receipt = await deps.executorFor(publishInput.action).compensate(publishInput, input.receipt);
    } catch (error) {
      throw asActivityFailure(error);
    }
    await inTransaction(deps.pool, (client) =>
      recordTransition(client, {
        actionId: input.actionId,
        eventKey: `${input.actionId}:rolled_back`,
        type: 'rolled_back',
        state: input.cause === 'publish_failed' ? 'failed' : 'rolled_back',
        reason: input.reason,
        actor: input.by,
        policyVersion: input.policyVersion,
        payload: { cause: input.cause, receipt },
        occurredAt: deps.now(),
        windowClosesAt: null,
      }),
    );
    return receipt;
  };
}
