import type { AuditEventType } from '../src/audit/audit-event.ts';
import type { ActionState } from '../src/action/action-state.ts';
import { inTransaction } from '../src/db/pool.ts';
import { recordTransition } from '../src/read-model/record-transition.ts';
import type { ActivityDeps } from './activity-deps.ts';

export interface TransitionInput {
  actionId: string;
  eventKey: string;
  type: AuditEventType;
  state?: ActionState;
  reason?: string;
  actor: string;
  policyVersion: string;
  payload: Record<string, unknown>;
  /** ISO time for windowClosesAt; null clears it. */
  windowClosesAt?: string | null;
}

/** Records a transition that needs no other work (blocked, window closed, a refused signal). */
export function recordTransitionActivity(deps: ActivityDeps) {
  return async function recordStep(input: TransitionInput): Promise<void> {
    await inTransaction(deps.pool, (client) =>
      recordTransition(client, {
        ...input,
        occurredAt: deps.now(),
        windowClosesAt:
          input.windowClosesAt === undefined ? undefined : input.windowClosesAt === null ? null : new Date(input.windowClosesAt),
      }),
    );
  };
}
