import type { ActionRequest } from '../action/action-request.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { matrixVerdict } from './decision-matrix.ts';
import { firstMatchingGlob } from './match-glob.ts';
import { describeOperatingHours, isWithinOperatingHours, zonedClock } from './operating-hours.ts';
import { ownEntry } from './own-entry.ts';
import { PolicyRefusalError } from './policy-refusal.ts';
import type { AgentEntry, Policy } from './policy-schema.ts';

/** The tier an allowed request runs at, and the policy rule that set it. */
export interface Evaluation {
  /** 0..4, as in DESIGN.md's tier table. */
  tier: number;
  /** `actions.<name>.tier`, `unknown_action` (tier 4), or `decision_matrix.<cell>` when the matrix raised it. */
  rule: string;
}

/**
 * Decides a request against the policy, in this order: the agent is known, the action is in its
 * manifest, neither the action nor the resource is blacklisted, it is within operating hours;
 * then the tier, which the decision matrix may raise or turn into a refusal, never lower.
 * Pure: rate limits and the kill switch need the database and are checked by the caller.
 * Throws PolicyRefusalError naming the rule that refused.
 */
export function evaluateRequest(policy: Policy, request: ActionRequest, now: Date): Evaluation {
  const agent = knownAgent(policy, request);
  checkManifest(agent, request);
  checkBlacklist(policy, request);
  checkOperatingHours(policy, request, now);
  return applyDecisionMatrix(policy, request, baseTier(policy, request.action));
}

function knownAgent(policy: Policy, request: ActionRequest): AgentEntry {
  const agent = ownEntry(policy.agents, request.agentId);
  if (agent === undefined) {
    throw new PolicyRefusalError(
      ErrorCode.AgentUnknown,
      'agents',
      `agent "${request.agentId}" is not in the policy; add it under agents: in the policy file, with its owner and the actions it may request`,
    );
  }
  return agent;
}

function checkManifest(agent: AgentEntry, request: ActionRequest): void {
  if (firstMatchingGlob(agent.actions, request.action) !== undefined) return;
  throw new PolicyRefusalError(
    ErrorCode.NotInManifest,
    'manifest',
    `agent "${request.agentId}" may not request "${request.action}": it is not in the agent's manifest ` +
      `(agents.${request.agentId}.actions: ${agent.actions.join(', ')}); add it there if this agent should be able to ask for it`,
  );
}

function checkBlacklist(policy: Policy, request: ActionRequest): void {
  const action = firstMatchingGlob(policy.blacklist.actions, request.action, { ignoreCase: true });
  if (action !== undefined) {
    throw new PolicyRefusalError(
      ErrorCode.ActionBlacklisted,
      'blacklist.actions',
      `action "${request.action}" requested by agent "${request.agentId}" is blacklisted (blacklist.actions: "${action}"); ` +
        'no agent may perform it; if that is a mistake, remove the entry from blacklist.actions',
    );
  }
  const resource = firstMatchingGlob(policy.blacklist.resources, request.resource, { ignoreCase: true });
  if (resource !== undefined) {
    throw new PolicyRefusalError(
      ErrorCode.ResourceBlacklisted,
      'blacklist.resources',
      `resource "${request.resource}" is blacklisted (blacklist.resources: "${resource}"), so agent "${request.agentId}" ` +
        `may not ${request.action} it; choose another target, or remove the entry from blacklist.resources`,
    );
  }
}

function checkOperatingHours(policy: Policy, request: ActionRequest, now: Date): void {
  const hours = policy.operating_hours;
  if (hours === undefined || isWithinOperatingHours(hours, now)) return;
  const clock = zonedClock(hours.timezone, now);
  throw new PolicyRefusalError(
    ErrorCode.OutsideOperatingHours,
    'operating_hours',
    `agent "${request.agentId}" asked for "${request.action}" on ${clock.day} at ${clock.time} ${hours.timezone}, ` +
      `outside operating hours (${describeOperatingHours(hours)}); retry when they open, or change operating_hours`,
  );
}

function baseTier(policy: Policy, action: string): Evaluation {
  const entry = ownEntry(policy.actions, action);
  // Fail closed: an action the policy does not know is destructive until someone declares it.
  if (entry === undefined) return { tier: 4, rule: 'unknown_action' };
  return { tier: entry.tier, rule: `actions.${action}.tier` };
}

function applyDecisionMatrix(policy: Policy, request: ActionRequest, base: Evaluation): Evaluation {
  const matrix = policy.decision_matrix;
  const verdict = matrixVerdict(matrix, request.decision);
  if (verdict.refuse) {
    const { confidence, risk } = request.decision;
    throw new PolicyRefusalError(
      ErrorCode.DecisionMatrixRefused,
      verdict.rule,
      `the decision matrix refuses "${request.action}" by agent "${request.agentId}": confidence ${confidence} ` +
        `${confidence > matrix.confidence_threshold ? 'is above' : 'is not above'} ${matrix.confidence_threshold} and risk "${risk}" ` +
        `${matrix.high_risk.includes(risk) ? 'is' : 'is not'} high (${verdict.rule}: refuse); ` +
        'the agent should gather more evidence or hand the task to a person',
    );
  }
  return verdict.minTier > base.tier ? { tier: verdict.minTier, rule: verdict.rule } : base;
}
