import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { actionWorkflowId, rollbackSignal } from '../../workflows/messages.ts';
import { RollbackArgsSchema, type RollbackArgs } from '../action/signal-args.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { RequestInvalidError } from '../errors/request-errors.ts';
import { zodIssues } from '../errors/zod-issues.ts';
import { findAction } from '../read-model/action-store.ts';
import { recordTransition } from '../read-model/record-transition.ts';

const OPEN_STATES = new Set(['published', 'publishing', 'audited', 'staged', 'started']);

/**
 * Asks for a manual rollback the way the CLI and Slack do: refused, and audited, once the
 * action's rollback window has closed; otherwise sent as the `rollback` signal.
 */
export function createRequestRollback(deps: { pool: Pool; temporal: Client; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return async function requestRollback(actionId: string, input: RollbackArgs): Promise<void> {
    const parsed = RollbackArgsSchema.safeParse(input);
    if (!parsed.success) throw new RequestInvalidError(zodIssues(parsed.error));
    const args = parsed.data;
    const row = await inTransaction(deps.pool, (c) => findAction(c, actionId));
    if (!row) throw new CountersignError(ErrorCode.ActionNotFound, `no action ${actionId}; check the id (countersign actions list)`);
    const at = now();
    const closed = row.window_closes_at !== null && row.window_closes_at <= at;
    if (row.tier < 2 || closed || !OPEN_STATES.has(row.state)) {
      const reason =
        row.tier < 2
          ? `action ${actionId} is tier ${row.tier}: Countersign did not publish it, so it has no rollback`
          : closed
            ? `the rollback window of action ${actionId} closed at ${row.window_closes_at?.toISOString()}`
            : `action ${actionId} is ${row.state}; there is nothing left to roll back`;
      await inTransaction(deps.pool, (c) =>
        recordTransition(c, {
          actionId,
          eventKey: `${actionId}:rollback_refused:${randomUUID()}`,
          type: 'rollback_refused',
          actor: args.by,
          reason,
          policyVersion: row.policy_version,
          payload: { requestedReason: args.reason },
          occurredAt: at,
        }),
      );
      throw new CountersignError(closed ? ErrorCode.RollbackWindowClosed : ErrorCode.RollbackRefused, reason);
    }
    await deps.temporal.workflow.getHandle(actionWorkflowId(actionId)).signal(rollbackSignal, args);
  };
}
