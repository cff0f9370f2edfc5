import { WorkflowNotFoundError } from '@temporalio/client';
import { ENDED_STATES } from '../src/action/action-state.ts';
import { KillArgsSchema, type KillArgsInput } from '../src/action/kill-args.ts';
import { appendAuditEvent } from '../src/audit/append-event.ts';
import { inTransaction } from '../src/db/pool.ts';
import { engageFreeze, liftFreeze } from '../src/governor/freeze-store.ts';
import { actionWorkflowId, killSignal } from '../workflows/messages.ts';
import type { ActivityDeps } from './activity-deps.ts';

// Open tier-2+ actions, from the read model: committed before their workflow starts, so none is
// missed the way a lagging visibility index could miss one.
const OPEN_ACTIONS = `SELECT action_id, state FROM actions
  WHERE tier >= 2 AND state <> ALL($1::text[])
    AND NOT (state = 'published' AND window_closes_at IS NOT NULL AND window_closes_at <= now())`;

export interface FreezeResult {
  epoch: string;
  since: string;
  changed: boolean;
}

/** killAll, step one: commits the freeze in PostgreSQL, audited, before anything is halted. */
export function engageFreezeActivity(deps: ActivityDeps) {
  return async function engageKillSwitch(input: { args: KillArgsInput; policyVersion: string }): Promise<FreezeResult> {
    const args = KillArgsSchema.parse(input.args);
    return inTransaction(deps.pool, async (client) => {
      const at = deps.now();
      const { freeze, changed } = await engageFreeze(client, args, at);
      if (changed) {
        await appendAuditEvent(client, {
          eventKey: `freeze:${freeze.epoch}:engaged`,
          occurredAt: at,
          actionId: null,
          type: 'freeze_engaged',
          actor: args.by,
          policyVersion: input.policyVersion,
          payload: { reason: args.reason, rollback: args.rollback },
        });
      }
      return { epoch: freeze.epoch, since: (freeze.since ?? at).toISOString(), changed };
    });
  };
}

/** killAll, step two: sends `kill` to every open action; those in their window roll back when asked. */
export function haltActionsActivity(deps: ActivityDeps) {
  return async function haltActions(input: { args: KillArgsInput }): Promise<{ halted: number; rolledBack: number }> {
    const args = KillArgsSchema.parse(input.args);
    const { rows } = await deps.pool.query<{ action_id: string; state: string }>(OPEN_ACTIONS, [ENDED_STATES]);
    let halted = 0;
    let rolledBack = 0;
    for (const row of rows) {
      try {
        await deps.temporal.workflow.getHandle(actionWorkflowId(row.action_id)).signal(killSignal, args);
      } catch (error) {
        // Finished since the query: nothing left to halt.
        if (error instanceof WorkflowNotFoundError) continue;
        throw error;
      }
      if (row.state === 'published') {
        if (args.rollback) rolledBack += 1;
      } else halted += 1;
    }
    return { halted, rolledBack };
  };
}

/** resume: lifts the freeze this attested decision named, audited. */
export function liftFreezeActivity(deps: ActivityDeps) {
  return async function liftKillSwitch(input: { epoch: string; by: string; policyVersion: string }): Promise<boolean> {
    return inTransaction(deps.pool, async (client) => {
      const at = deps.now();
      const lifted = await liftFreeze(client, input.epoch, at);
      if (lifted) {
        await appendAuditEvent(client, {
          eventKey: `freeze:${input.epoch}:lifted`,
          occurredAt: at,
          actionId: null,
          type: 'freeze_lifted',
          actor: input.by,
          policyVersion: input.policyVersion,
          payload: {},
        });
      }
      return lifted;
    });
  };
}
