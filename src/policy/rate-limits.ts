import type { ActionRequest } from '../action/action-request.ts';
import { ownEntry } from './own-entry.ts';
import type { Policy } from './policy-schema.ts';

/** One limit that a request counts against: at most `count` requests per `windowMs` for `subject`. */
export interface RateLimit {
  /** The policy entry, for refusals: `rate_limits.agents.bounty-hunter`. */
  rule: string;
  scope: 'agent' | 'action';
  /** The agent id or action name counted. */
  subject: string;
  count: number;
  windowMs: number;
}

/** The limits a request counts against: its agent's, then its action's (counted over all agents). */
export function applicableRateLimits(policy: Policy, request: ActionRequest): RateLimit[] {
  const limits: RateLimit[] = [];
  const agent = ownEntry(policy.rate_limits.agents, request.agentId);
  if (agent !== undefined) {
    limits.push({
      rule: `rate_limits.agents.${request.agentId}`,
      scope: 'agent',
      subject: request.agentId,
      count: agent.count,
      windowMs: agent.window,
    });
  }
  const action = ownEntry(policy.rate_limits.actions, request.action);
  if (action !== undefined) {
    limits.push({
      rule: `rate_limits.actions.${request.action}`,
      scope: 'action',
      subject: request.action,
      count: action.count,
      windowMs: action.window,
    });
  }
  return limits;
}
