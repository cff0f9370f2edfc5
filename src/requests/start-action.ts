import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { governedAction } from '../../workflows/governed-action.ts';
import { actionWorkflowId, GOVERNED_ACTION_WORKFLOW } from '../../workflows/messages.ts';
import { parseActionRequest, type ActionRequest } from '../action/action-request.ts';
import type { Channel } from '../approvals/decision.ts';
import type { ActionOutcome } from '../action/action-state.ts';
import { hashOf } from '../canonical/sha256.ts';
import { inTransaction, type DbClient, type Pool } from '../db/pool.ts';
import { CountersignError, ErrorCode, isErrorCode } from '../errors/countersign-error.ts';
import { consumeRateLimits } from '../policy/consume-rate-limits.ts';
import { evaluateRequest } from '../policy/evaluate-request.ts';
import type { LoadedPolicy } from '../policy/load-policy.ts';
import { readFreeze } from '../governor/freeze-store.ts';
import { ownEntry } from '../policy/own-entry.ts';
import { PolicyRefusalError } from '../policy/policy-refusal.ts';
import { applicableRateLimits } from '../policy/rate-limits.ts';
import { resolveActionPlan } from '../policy/resolve-action-plan.ts';
import { findAction, insertAction, type ActionRow } from '../read-model/action-store.ts';
import { recordTransition } from '../read-model/record-transition.ts';
import { ActionAttribute, AgentAttribute, StateAttribute, TierAttribute } from '../temporal/search-attributes.ts';
import { actionIdFor } from './action-id.ts';
import type { StartActionResult } from './start-result.ts';

export interface StartActionDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  policy: LoadedPolicy;
  /** The deciding channels' public keys, which tier-3+ workflows verify approvals with. */
  channelKeys: Partial<Record<Channel, string>>;
  now?: () => Date;
}

type Verdict = { tier: number; rule: string } & ({ refusal: PolicyRefusalError } | { refusal?: undefined });

/** The refusal an earlier request with the same idempotency key got, rebuilt from its audit event. */
async function storedRefusal(client: DbClient, row: ActionRow): Promise<PolicyRefusalError> {
  const { rows } = await client.query(
    "SELECT payload FROM audit_events WHERE action_id = $1 AND type = 'refused' ORDER BY seq LIMIT 1",
    [row.action_id],
  );
  const payload = (rows[0] as { payload: { code?: string } } | undefined)?.payload;
  const code = isErrorCode(payload?.code) ? payload.code : ErrorCode.NotInManifest;
  return new PolicyRefusalError(code, row.rule, row.reason ?? 'refused by the policy');
}

/**
 * startAction: parse, decide by policy, audit, and for tier 2+ start the governedAction workflow.
 * The same idempotency key twice gives the same action and the same answer.
 */
export function createStartAction(deps: StartActionDeps) {
  const now = deps.now ?? (() => new Date());
  const { policy, version } = deps.policy;

  async function startWorkflow(request: ActionRequest, actionId: string, verdict: { tier: number; rule: string }) {
    const workflowId = actionWorkflowId(actionId);
    const plan = resolveActionPlan(policy, version, request, verdict, actionId, deps.channelKeys);
    try {
      return await deps.temporal.workflow.start<typeof governedAction>(GOVERNED_ACTION_WORKFLOW, {
        workflowId,
        taskQueue: deps.taskQueue,
        args: [plan],
        // A finished action is never run twice; a running one is joined.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [
          { key: AgentAttribute, value: request.agentId },
          { key: ActionAttribute, value: request.action },
          { key: TierAttribute, value: verdict.tier },
          { key: StateAttribute, value: 'started' },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return deps.temporal.workflow.getHandle(workflowId);
      throw error;
    }
  }

  async function governed(request: ActionRequest, actionId: string, verdict: { tier: number; rule: string }): Promise<StartActionResult> {
    const handle = await startWorkflow(request, actionId, verdict);
    return {
      kind: 'governed',
      actionId,
      tier: verdict.tier,
      rule: verdict.rule,
      workflowId: handle.workflowId,
      handle,
      result: () => handle.result() as Promise<ActionOutcome>,
    };
  }

  /** Answers a repeated idempotency key exactly as the first request was answered. */
  async function answerAgain(request: ActionRequest, requestHash: string, row: ActionRow): Promise<StartActionResult> {
    if (row.request_hash !== requestHash) {
      throw new CountersignError(
        ErrorCode.IdempotencyConflict,
        `idempotency key ${JSON.stringify(request.idempotencyKey)} was already used by agent ${request.agentId} for a different request (action ${row.action_id}); use a new key for a new action`,
      );
    }
    if (row.state === 'refused') throw await inTransaction(deps.pool, (c) => storedRefusal(c, row));
    if (row.tier <= 1) return { kind: 'allowed', actionId: row.action_id, tier: row.tier, rule: row.rule };
    return governed(request, row.action_id, { tier: row.tier, rule: row.rule });
  }

  return async function startAction(input: unknown): Promise<StartActionResult> {
    const request = parseActionRequest(input);
    const requestHash = hashOf(request);
    const actionId = actionIdFor(request.agentId, request.idempotencyKey);
    const at = now();

    let verdict: Verdict;
    try {
      verdict = evaluateRequest(policy, request, at);
    } catch (error) {
      if (!(error instanceof PolicyRefusalError)) throw error;
      // Refused before a tier was settled: record the tier the policy declares (unknown: 4).
      verdict = { tier: ownEntry(policy.actions, request.action)?.tier ?? 4, rule: error.rule, refusal: error };
    }

    const repeated = await inTransaction(deps.pool, async (client) => {
      const earlier = await findAction(client, actionId);
      if (earlier) return earlier;
      await client.query('SAVEPOINT start_action');
      const freeze = await readFreeze(client);
      if (freeze.frozen) {
        verdict = {
          ...verdict,
          rule: 'kill_switch',
          refusal: new PolicyRefusalError(
            ErrorCode.Frozen,
            'kill_switch',
            `Countersign is frozen: ${freeze.by ?? 'an operator'} engaged the kill switch at ${freeze.since?.toISOString() ?? 'an unknown time'} (${freeze.reason ?? 'no reason given'}); no action starts until an operator resumes`,
          ),
        };
      }
      if (!verdict.refusal) {
        try {
          await consumeRateLimits(client, applicableRateLimits(policy, request), actionId, at);
        } catch (error) {
          if (!(error instanceof PolicyRefusalError)) throw error;
          verdict = { ...verdict, rule: error.rule, refusal: error };
        }
      }
      const refusal = verdict.refusal;
      const state = refusal ? 'refused' : verdict.tier <= 1 ? 'allowed' : 'started';
      const fresh = await insertAction(client, {
        actionId,
        request,
        requestHash,
        tier: verdict.tier,
        rule: verdict.rule,
        state,
        reason: refusal ? refusal.message : null,
        workflowId: state === 'started' ? actionWorkflowId(actionId) : null,
        policyVersion: version,
        at,
      });
      if (!fresh) {
        // The same key raced in from elsewhere and won: undo this attempt, answer as it was answered.
        await client.query('ROLLBACK TO SAVEPOINT start_action');
        return findAction(client, actionId);
      }
      const common = { actionId, policyVersion: version, occurredAt: at, actor: request.agentId };
      await recordTransition(client, {
        ...common,
        eventKey: `${actionId}:requested`,
        type: 'requested',
        payload: {
          agentId: request.agentId,
          taskId: request.taskId,
          action: request.action,
          resource: request.resource,
          decision: request.decision,
          context: request.context ?? null,
          requestHash,
        },
      });
      await recordTransition(client, {
        ...common,
        eventKey: `${actionId}:decided`,
        type: state,
        payload: refusal ? { code: refusal.code, rule: refusal.rule, reason: refusal.message } : { tier: verdict.tier, rule: verdict.rule },
      });
      return undefined;
    });

    if (repeated) return answerAgain(request, requestHash, repeated);
    if (verdict.refusal) throw verdict.refusal;
    if (verdict.tier <= 1) return { kind: 'allowed', actionId, tier: verdict.tier, rule: verdict.rule };
    return governed(request, actionId, verdict);
  };
}
