import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionRequestSchema, type ActionRequest } from '../action/action-request.ts';
import { PolicySchema } from './policy-schema.ts';
import { applicableRateLimits } from './rate-limits.ts';

const policy = PolicySchema.parse({
  version: 1,
  people: { alice: { name: 'Alice' } },
  agents: {
    'bounty-hunter': { owner: 'alice', version: '1', actions: ['*'] },
    'deploy-bot': { owner: 'alice', version: '1', actions: ['*'] },
  },
  rate_limits: {
    agents: { 'bounty-hunter': { count: 10, window: '1h' } },
    actions: { create_pull_request: { count: 10, window: '24h' } },
  },
});

function request(agentId: string, action: string): ActionRequest {
  return ActionRequestSchema.parse({
    agentId,
    taskId: 't',
    action,
    resource: 'github.com/acme/api',
    decision: { reasoning: 'r', confidence: 0.9, risk: 'low' },
  });
}

describe('applicableRateLimits', () => {
  it("lists the agent's limit and the action's limit, each naming its rule", () => {
    assert.deepEqual(applicableRateLimits(policy, request('bounty-hunter', 'create_pull_request')), [
      { rule: 'rate_limits.agents.bounty-hunter', scope: 'agent', subject: 'bounty-hunter', count: 10, windowMs: 3_600_000 },
      { rule: 'rate_limits.actions.create_pull_request', scope: 'action', subject: 'create_pull_request', count: 10, windowMs: 86_400_000 },
    ]);
  });

  it('lists nothing when neither the agent nor the action is limited', () => {
    assert.deepEqual(applicableRateLimits(policy, request('deploy-bot', 'deploy_service')), []);
  });

  it('does not take Object.prototype members for limits', () => {
    assert.deepEqual(applicableRateLimits(policy, request('constructor', 'toString')), []);
  });
});
