import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionRequestSchema, type ActionRequest } from '../action/action-request.ts';
import { PolicySchema } from './policy-schema.ts';
import { resolveActionPlan } from './resolve-action-plan.ts';

const policy = PolicySchema.parse({
  version: 1,
  people: { alice: { name: 'Alice' } },
  agents: { 'bounty-hunter': { owner: 'alice', version: '1', actions: ['*'] } },
  dlp: { default: 'block', types: { email: 'redact', password: 'block' }, allow: [{ rule: 'email' }] },
  actions: {
    create_pull_request: {
      tier: 2,
      executor: { type: 'ledger', account: 'prs' },
      ci: { timeout: '30m' },
      rollback_window: '2h',
      dlp: { default: 'warn', types: { email: 'block' }, allow: [{ type: 'jwt' }], ip_addresses: true },
    },
    create_comment: { tier: 1 },
  },
});

function request(action: string): ActionRequest {
  return ActionRequestSchema.parse({
    agentId: 'bounty-hunter',
    taskId: 'task-1',
    action,
    resource: 'github.com/acme/api/pull/1',
    decision: { reasoning: 'r', confidence: 0.9, risk: 'low' },
  });
}

describe('resolveActionPlan', () => {
  it("fills the plan from the action's entry, with durations in ms and DLP merged per finding type", () => {
    const plan = resolveActionPlan(
      policy,
      'abcdef0123456789',
      request('create_pull_request'),
      { tier: 2, rule: 'actions.create_pull_request.tier' },
      'act-1',
    );
    assert.deepEqual(plan, {
      actionId: 'act-1',
      agentId: 'bounty-hunter',
      taskId: 'task-1',
      action: 'create_pull_request',
      resource: 'github.com/acme/api/pull/1',
      tier: 2,
      decision: { reasoning: 'r', confidence: 0.9, risk: 'low' },
      rule: 'actions.create_pull_request.tier',
      policyVersion: 'abcdef0123456789',
      executor: { type: 'ledger', account: 'prs' },
      dlp: { default: 'warn', types: { email: 'block', password: 'block' }, allow: [{ rule: 'email' }, { type: 'jwt' }], ipAddresses: true },
      rollbackWindowMs: 2 * 3_600_000,
      ci: { timeoutMs: 30 * 60_000 },
      approval: null,
      notify: ['log'],
    });
  });

  it('gives a tier-3+ action its approvers (people of its groups), quorum, deadline and the channel keys', () => {
    const withApprovals = PolicySchema.parse({
      version: 1,
      people: { alice: { name: 'Alice' }, bob: { name: 'Bob' }, carol: { name: 'Carol' } },
      approver_groups: { maintainers: ['bob', 'carol'], sre: ['carol'] },
      operators: ['alice'],
      agents: { 'bounty-hunter': { owner: 'alice', version: '1', actions: ['*'] } },
      actions: {
        delete_branch: { tier: 4, executor: { type: 'ledger', account: 'b' }, approvers: ['maintainers', 'sre'], approval_timeout: '2h' },
      },
    });
    const plan = resolveActionPlan(withApprovals, 'v', request('delete_branch'), { tier: 4, rule: 'actions.delete_branch.tier' }, 'act-4', { cli: 'ab'.repeat(32) });
    assert.deepEqual(plan.approval, {
      approvers: ['bob', 'carol'],
      operators: ['alice'],
      owner: 'alice',
      quorum: 2,
      timeoutMs: 2 * 3_600_000,
      confirmation: true,
      attestationMaxAgeMs: 10 * 60_000,
      channelKeys: { cli: 'ab'.repeat(32) },
      remindersMs: [],
      escalation: null,
    });
  });

  it('turns reminders into ms after the request and carries the escalation', () => {
    const withTimers = PolicySchema.parse({
      version: 1,
      people: { alice: { name: 'Alice' }, bob: { name: 'Bob', email: 'bob@example.com' } },
      approver_groups: { maintainers: ['bob'] },
      agents: { 'bounty-hunter': { owner: 'alice', version: '1', actions: ['*'] } },
      actions: {
        merge_pull_request: {
          tier: 3,
          executor: { type: 'ledger', account: 'm' },
          approvers: ['maintainers'],
          approval_timeout: '4h',
          notify: ['log'],
          reminders: ['75%', '1h', '50%', '2h'],
          escalate: { to: ['email'], after: '30m' },
        },
      },
    });
    const plan = resolveActionPlan(withTimers, 'v', request('merge_pull_request'), { tier: 3, rule: 'actions.merge_pull_request.tier' }, 'act-5');
    assert.deepEqual(plan.approval?.remindersMs, [3_600_000, 2 * 3_600_000, 3 * 3_600_000]);
    assert.deepEqual(plan.approval?.escalation, { to: ['email'], onFailure: true, afterMs: 30 * 60_000 });
  });

  it('uses the top-level DLP and default rollback window for an action without overrides', () => {
    const plan = resolveActionPlan(policy, 'v', request('create_comment'), { tier: 2, rule: 'decision_matrix.low_confidence_low_risk' }, 'act-2');
    assert.deepEqual(plan.dlp, { default: 'block', types: { email: 'redact', password: 'block' }, allow: [{ rule: 'email' }], ipAddresses: false });
    assert.equal(plan.rollbackWindowMs, 24 * 3_600_000);
    assert.equal(plan.ci, null);
    assert.equal(plan.executor, null);
  });

  it('gives an unknown action no executor, so it can never publish', () => {
    const plan = resolveActionPlan(policy, 'v', request('drop_database'), { tier: 4, rule: 'unknown_action' }, 'act-3');
    assert.equal(plan.executor, null);
    assert.equal(plan.tier, 4);
    assert.equal(plan.rule, 'unknown_action');
  });
});
