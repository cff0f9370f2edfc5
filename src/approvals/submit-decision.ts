import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { actionWorkflowId, approveUpdate, rejectUpdate, type DecisionResult } from '../../workflows/messages.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { CountersignError, ErrorCode, isErrorCode } from '../errors/countersign-error.ts';
import { findAction } from '../read-model/action-store.ts';
import { recordTransition } from '../read-model/record-transition.ts';
import type { Decision, DecisionKind } from './decision.ts';

/** A decision the workflow refused; `code` and `message` are what the person is shown. */
export class DecisionRefusedError extends CountersignError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'DecisionRefusedError';
  }
}

const asCode = (type: string | undefined | null): ErrorCode => (isErrorCode(type) ? type : ErrorCode.DecisionClosed);

/**
 * How every Countersign channel (CLI, Slack, email, HTTP) delivers a signed decision: as the
 * `approve` or `reject` update. A refusal comes back with the validator's reason and is audited
 * here, since Temporal keeps no record of a rejected update.
 */
export function createSubmitDecision(deps: { pool: Pool; temporal: Client; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return async function submitDecision(actionId: string, kind: DecisionKind, decision: Decision): Promise<DecisionResult> {
    const handle = deps.temporal.workflow.getHandle(actionWorkflowId(actionId));
    let refusal: DecisionRefusedError;
    try {
      return await handle.executeUpdate(kind === 'approve' ? approveUpdate : rejectUpdate, { args: [decision] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        refusal = new DecisionRefusedError(asCode(error.cause.type), error.cause.message);
      } else if (error instanceof WorkflowNotFoundError) {
        refusal = new DecisionRefusedError(ErrorCode.DecisionClosed, `action ${actionId} is no longer waiting for a decision (it has ended, or does not exist)`);
      } else throw error;
    }
    const row = await inTransaction(deps.pool, (c) => findAction(c, actionId));
    if (row) {
      await inTransaction(deps.pool, (client) =>
        recordTransition(client, {
          actionId,
          eventKey: `${actionId}:decision_refused:${randomUUID()}`,
          type: 'decision_refused',
          actor: decision.approver,
          reason: refusal.message,
          policyVersion: row.policy_version,
          payload: { decision: kind, channel: decision.channel, code: refusal.code },
          occurredAt: now(),
        }),
      );
    }
    throw refusal;
  };
}
