import type { createRequestRollback } from '../requests/request-rollback.ts';
import type { StartActionResult } from '../requests/start-result.ts';
import { inTransaction, type Pool } from '../db/pool.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { RequestInvalidError } from '../errors/request-errors.ts';
import { zodIssues } from '../errors/zod-issues.ts';
import { actionStory } from '../read-model/action-queries.ts';
import { recordRefusal } from '../read-model/record-refusal.ts';
import { actionView, type ActionView } from './action-view.ts';
import { RollbackBodySchema, SubmitActionBodySchema, type StartAnswer } from './api-schemas.ts';
import type { AuthenticatedAgent } from './authenticate-agent.ts';
import { waitForChange } from './wait-for-change.ts';

export interface AgentApiDeps {
  pool: Pool;
  /** The in-process startAction: the policy, the rate limits and the workflow start live here, inside. */
  startAction: (input: unknown) => Promise<StartActionResult>;
  requestRollback: ReturnType<typeof createRequestRollback>;
  /** Recorded with refusals on the global trail. */
  policyVersion: string;
  now?: () => Date;
}

export const actionPath = (actionId: string): string => `/v1/actions/${encodeURIComponent(actionId)}`;

const notFound = (actionId: string) =>
  new CountersignError(ErrorCode.ActionNotFound, `no action ${actionId.slice(0, 80)} of this agent; check the id the start answered with`);

/**
 * What an agent may do, for the HTTP routes and the MCP tools alike. The agent is the key's; it
 * never comes from what the agent sends, and an agent sees and touches only its own actions.
 */
export function createAgentApi(deps: AgentApiDeps) {
  const now = deps.now ?? (() => new Date());

  async function ownStory(agent: AuthenticatedAgent, actionId: string) {
    // No action id holds NUL or half a surrogate pair, and PostgreSQL refuses NUL in a query.
    if (actionId.includes('\u0000') || !actionId.isWellFormed()) throw notFound(actionId);
    const story = await actionStory(deps.pool, actionId);
    // Another agent's action is answered exactly like a missing one.
    if (!story || story.action.agent_id !== agent.agentId) throw notFound(actionId);
    return story;
  }

  return {
    /** Asks for an action as the key's agent; `idempotencyKey` from a header, if the body has none. */
    async submit(agent: AuthenticatedAgent, body: unknown, headerKey?: string): Promise<StartAnswer> {
      const parsed = SubmitActionBodySchema.safeParse(body);
      if (!parsed.success) throw new RequestInvalidError(zodIssues(parsed.error));
      const request = parsed.data;
      const named = request.agentId;
      if (named !== undefined && named !== agent.agentId) {
        await inTransaction(deps.pool, (client) =>
          recordRefusal(client, {
            actionId: null,
            type: 'gateway_refused',
            actor: agent.agentId,
            reason: `the request named agent ${named.slice(0, 200)}, but the key is agent ${agent.agentId}'s`,
            payload: { code: ErrorCode.AgentMismatch, keyId: agent.keyId },
            policyVersion: deps.policyVersion,
            at: now(),
          }),
        );
        throw new CountersignError(
          ErrorCode.AgentMismatch,
          `this key belongs to agent ${agent.agentId}; leave agentId out of the request (the key names the agent) or use that agent's own key`,
        );
      }
      if (headerKey !== undefined && request.idempotencyKey !== undefined && headerKey !== request.idempotencyKey) {
        throw new RequestInvalidError([{ path: 'idempotencyKey', message: 'differs from the Idempotency-Key header; send one of them, or the same value in both' }]);
      }
      const idempotencyKey = request.idempotencyKey ?? headerKey;
      const started = await deps.startAction({ ...request, agentId: agent.agentId, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });
      const links = { self: actionPath(started.actionId) };
      if (started.kind === 'allowed') {
        return { kind: 'allowed', actionId: started.actionId, agentId: agent.agentId, tier: started.tier, rule: started.rule, state: 'allowed', links };
      }
      // A repeated idempotency key answers with the action as it is now, not as it started.
      const { rows } = await deps.pool.query<{ state: string }>('SELECT state FROM actions WHERE action_id = $1', [started.actionId]);
      return { kind: 'governed', actionId: started.actionId, agentId: agent.agentId, tier: started.tier, rule: started.rule, state: rows[0]?.state ?? 'started', links };
    },

    /**
     * The agent's own action. With `wait`: at once if its state is not `wait.state`, else once it
     * changes (a new state, or its rollback window closing) or the wait ends.
     */
    async read(agent: AuthenticatedAgent, actionId: string, wait?: { seconds: number; state?: string; signal: AbortSignal }): Promise<ActionView> {
      let story = await ownStory(agent, actionId);
      const { state, updated_at: updatedAt } = story.action;
      if (wait && wait.seconds > 0 && (wait.state === undefined || wait.state === state)) {
        await waitForChange(deps.pool, actionId, { state, updatedAt }, Date.now() + wait.seconds * 1000, wait.signal);
        story = await ownStory(agent, actionId);
      }
      return actionView(story, now());
    },

    /** Asks to roll back the agent's own published action inside its window, with the agent as the actor. */
    async rollback(agent: AuthenticatedAgent, actionId: string, body: unknown): Promise<{ actionId: string; message: string; links: { self: string } }> {
      const parsed = RollbackBodySchema.safeParse(body);
      if (!parsed.success) throw new RequestInvalidError(zodIssues(parsed.error));
      await ownStory(agent, actionId);
      await deps.requestRollback(actionId, { by: agent.agentId, reason: parsed.data.reason });
      return { actionId, message: `rollback of ${actionId} requested; follow it until the outcome is rolled_back`, links: { self: actionPath(actionId) } };
    },
  };
}

export type AgentApi = ReturnType<typeof createAgentApi>;
