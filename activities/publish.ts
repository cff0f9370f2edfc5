import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { actionHash } from '../src/action/action-hash.ts';
import { inTransaction } from '../src/db/pool.ts';
import type { Executor, PublishInput, Receipt } from '../src/executors/executor.ts';
import { ExecutorError } from '../src/executors/executor-error.ts';
import type { ExecutorSpec } from '../src/executors/executor-spec.ts';
import { loadDraft, loadRequest } from '../src/read-model/action-store.ts';
import { readFreeze } from '../src/governor/freeze-store.ts';
import { recordTransition } from '../src/read-model/record-transition.ts';
import type { ActivityDeps } from './activity-deps.ts';
import type { StepInput } from './stage-draft.ts';

/**
 * Attempts an executor gets for errors a retry may fix (5xx, timeouts). Database errors are
 * retried without limit by Temporal: nothing is lost while PostgreSQL is away.
 */
export const EXECUTOR_ATTEMPTS = 5;

export interface PublishStepInput extends StepInput {
  executor: ExecutorSpec;
  /** The hash the audit step computed; publish refuses anything else. */
  actionHash: string;
  rollbackWindowMs: number;
  /** Tier 3+: who approved; recorded as the `approved` transition before the attempt. */
  approvedBy?: string[];
}

export type PublishResult =
  | { kind: 'published'; receipt: Receipt; windowClosesAt: string }
  /** The kill switch was engaged before this action's publish attempt: nothing was published. */
  | { kind: 'frozen'; by: string; reason: string };

/** Reads what the audit step allowed to be published, refusing it if it changed since. */
export async function loadPublishInput(deps: ActivityDeps, input: PublishStepInput): Promise<PublishInput> {
  const client = await deps.pool.connect();
  try {
    const request = await loadRequest(client, input.actionId);
    const publishable = await loadDraft(client, input.actionId, 'publishable');
    const hash = actionHash({ ...request, draft: publishable.draft, params: publishable.params, policyVersion: input.policyVersion });
    if (hash !== input.actionHash) {
      throw ApplicationFailure.nonRetryable(
        `the stored draft of action ${input.actionId} no longer matches the audited action hash; nothing was published`,
        'action_hash_mismatch',
      );
    }
    return {
      actionId: input.actionId,
      idempotencyKey: `${input.actionId}:publish`,
      action: request.action,
      resource: request.resource,
      draft: publishable.draft,
      params: publishable.params,
    };
  } finally {
    client.release();
  }
}

/** Turns an executor error into a failure Temporal retries or, when no retry can help, does not. */
export function asActivityFailure(error: unknown): unknown {
  if (!(error instanceof ExecutorError)) return error;
  const attempt = Context.current().info.attempt;
  if (!error.retryable || attempt >= EXECUTOR_ATTEMPTS) {
    return ApplicationFailure.nonRetryable(`${error.message} (attempt ${attempt})`, error.code);
  }
  return ApplicationFailure.retryable(error.message, error.code);
}

/** PUBLISH: performs the action through its executor, with an idempotency key, and records it. */
export function publishActivity(deps: ActivityDeps) {
  return async function publish(input: PublishStepInput): Promise<PublishResult> {
    const publishInput = await loadPublishInput(deps, input);
    let executor: Executor;
    try {
      executor = deps.executorFor(publishInput.action);
    } catch (error) {
      throw asActivityFailure(error);
    }
    // DESIGN.md "Freeze and publish": the attempt is recorded under a shared lock on the freeze,
    // so it either happened before the freeze (in flight; retries go on) or sees it and stops.
    const frozen = await inTransaction(deps.pool, async (client) => {
      if (input.approvedBy) {
        await recordTransition(client, {
          actionId: input.actionId,
          eventKey: `${input.actionId}:approved`,
          type: 'approved',
          state: 'approved',
          actor: 'countersign',
          policyVersion: input.policyVersion,
          payload: { approvers: input.approvedBy, actionHash: input.actionHash },
          occurredAt: deps.now(),
        });
      }
      const attemptKey = `${input.actionId}:publishing`;
      if ((await client.query('SELECT 1 FROM audit_events WHERE event_key = $1', [attemptKey])).rowCount) return undefined;
      const freeze = await readFreeze(client, true);
      const at = deps.now();
      if (freeze.frozen) {
        const by = freeze.by ?? 'an operator';
        const reason = freeze.reason ?? 'kill switch';
        await recordTransition(client, {
          actionId: input.actionId,
          eventKey: `${input.actionId}:killed`,
          type: 'killed',
          state: 'killed',
          reason: `the kill switch is engaged (${by}: ${reason}); nothing was published`,
          actor: by,
          policyVersion: input.policyVersion,
          payload: { freezeSince: freeze.since?.toISOString() ?? null },
          occurredAt: at,
        });
        return { kind: 'frozen' as const, by, reason };
      }
      await recordTransition(client, {
        actionId: input.actionId,
        eventKey: attemptKey,
        type: 'publishing',
        state: 'publishing',
        actor: 'countersign',
        policyVersion: input.policyVersion,
        payload: { executor: input.executor.type, actionHash: input.actionHash },
        occurredAt: at,
      });
      return undefined;
    });
    if (frozen) return frozen;
    let receipt: Receipt;
    try {
      receipt = await executor.execute(publishInput);
    } catch (error) {
      throw asActivityFailure(error);
    }
    const at = deps.now();
    const windowClosesAt = new Date(at.getTime() + input.rollbackWindowMs);
    await inTransaction(deps.pool, (client) =>
      recordTransition(client, {
        actionId: input.actionId,
        eventKey: `${input.actionId}:published`,
        type: 'published',
        state: 'published',
        actor: 'countersign',
        policyVersion: input.policyVersion,
        payload: { receipt, windowClosesAt: windowClosesAt.toISOString() },
        occurredAt: at,
        windowClosesAt,
      }),
    );
    return { kind: 'published', receipt, windowClosesAt: windowClosesAt.toISOString() };
  };
}
