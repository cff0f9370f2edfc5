import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActionRequestSchema, type ActionRequest, type ActionRequestInput } from '../action/action-request.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { evaluateRequest } from './evaluate-request.ts';
import { PolicyRefusalError } from './policy-refusal.ts';
import { PolicySchema, type Policy, type PolicyInput } from './policy-schema.ts';

const ledger = { type: 'ledger', account: 'github' } as const;

function policy(overrides: Partial<PolicyInput> = {}): Policy {
  return PolicySchema.parse({
    version: 1,
    people: { alice: { name: 'Alice' }, bob: { name: 'Bob' }, erin: { name: 'Erin' } },
    approver_groups: { maintainers: ['alice', 'bob'] },
    agents: {
      'bounty-hunter': {
        owner: 'erin',
        version: '1.0.0',
        actions: ['read_repository', 'create_comment', '*_pull_request', 'delete_branch', 'force_push', 'mystery_*'],
      },
    },
    actions: {
      read_repository: { tier: 0 },
      create_comment: { tier: 1 },
      create_pull_request: { tier: 2, executor: ledger },
      merge_pull_request: { tier: 3, executor: ledger, approvers: ['maintainers'] },
      delete_branch: { tier: 4, executor: ledger, approvers: ['maintainers'] },
    },
    blacklist: {
      actions: ['force_push'],
      resources: ['github.com/SecureBananaLabs/**', 'github.com/*/secrets'],
    },
    ...overrides,
  });
}

function request(overrides: Partial<ActionRequestInput> = {}): ActionRequest {
  return ActionRequestSchema.parse({
    agentId: 'bounty-hunter',
    taskId: 'task-fix-issue-123',
    action: 'create_pull_request',
    resource: 'github.com/acme/api/pull/42',
    decision: { reasoning: 'fixes issue 123', confidence: 0.95, risk: 'low' },
    ...overrides,
  });
}

const now = new Date('2026-03-04T10:00:00Z');

function refusal(work: () => unknown): PolicyRefusalError {
  try {
    work();
  } catch (error) {
    if (error instanceof PolicyRefusalError) return error;
    throw error;
  }
  assert.fail('expected a PolicyRefusalError');
}

describe('evaluateRequest', () => {
  it('gives a declared action its tier and names the rule that set it', () => {
    assert.deepEqual(evaluateRequest(policy(), request(), now), { tier: 2, rule: 'actions.create_pull_request.tier' });
    assert.deepEqual(evaluateRequest(policy(), request({ action: 'read_repository' }), now), {
      tier: 0,
      rule: 'actions.read_repository.tier',
    });
  });

  it('makes an action the policy does not know tier 4, rule unknown_action', () => {
    assert.deepEqual(evaluateRequest(policy(), request({ action: 'mystery_tool' }), now), {
      tier: 4,
      rule: 'unknown_action',
    });
  });

  it('refuses an agent the policy does not know, naming the rule agents', () => {
    const error = refusal(() => evaluateRequest(policy(), request({ agentId: 'zed-bot' }), now));
    assert.equal(error.code, ErrorCode.AgentUnknown);
    assert.equal(error.rule, 'agents');
    assert.match(error.message, /agent "zed-bot" is not in the policy; add it under agents:/);
  });

  it('does not take Object.prototype members for agents or actions', () => {
    const error = refusal(() => evaluateRequest(policy(), request({ agentId: 'constructor' }), now));
    assert.equal(error.code, ErrorCode.AgentUnknown);
    const open = policy({
      agents: { 'bounty-hunter': { owner: 'erin', version: '1', actions: ['*'] } },
    });
    assert.deepEqual(evaluateRequest(open, request({ action: 'toString' }), now), { tier: 4, rule: 'unknown_action' });
  });

  it("refuses an action outside the agent's manifest, naming the rule", () => {
    const error = refusal(() => evaluateRequest(policy(), request({ action: 'add_label' }), now));
    assert.equal(error.code, ErrorCode.NotInManifest);
    assert.equal(error.rule, 'manifest');
    assert.match(error.message, /agent "bounty-hunter" may not request "add_label"/);
    assert.match(error.message, /agents\.bounty-hunter\.actions/);
  });

  it('matches manifest globs against action names', () => {
    assert.equal(evaluateRequest(policy(), request({ action: 'merge_pull_request' }), now).tier, 3);
    assert.equal(evaluateRequest(policy(), request({ action: 'update_pull_request' }), now).rule, 'unknown_action');
    const error = refusal(() => evaluateRequest(policy(), request({ action: 'create_pull_request_v2' }), now));
    assert.equal(error.rule, 'manifest');
  });

  it('checks the manifest before the blacklist', () => {
    const error = refusal(() =>
      evaluateRequest(policy(), request({ action: 'add_label', resource: 'github.com/SecureBananaLabs/x' }), now),
    );
    assert.equal(error.rule, 'manifest');
  });

  it('refuses a blacklisted action even when the manifest allows it', () => {
    const error = refusal(() => evaluateRequest(policy(), request({ action: 'force_push' }), now));
    assert.equal(error.code, ErrorCode.ActionBlacklisted);
    assert.equal(error.rule, 'blacklist.actions');
    assert.match(error.message, /action "force_push" requested by agent "bounty-hunter" is blacklisted/);
  });

  it('refuses a blacklisted resource matched by glob, whatever its case', () => {
    for (const resource of [
      'github.com/SecureBananaLabs/wallet/pull/7',
      'github.com/securebananalabs/wallet',
      'github.com/acme/secrets',
    ]) {
      const error = refusal(() => evaluateRequest(policy(), request({ resource }), now));
      assert.equal(error.code, ErrorCode.ResourceBlacklisted, resource);
      assert.equal(error.rule, 'blacklist.resources');
      assert.match(error.message, new RegExp(`resource "${resource}" is blacklisted`));
    }
  });

  it('keeps * inside one path segment for resources', () => {
    const result = evaluateRequest(policy(), request({ resource: 'github.com/acme/api/secrets' }), now);
    assert.equal(result.tier, 2);
  });

  it('refuses outside operating hours, saying the local time and the hours', () => {
    const closed = policy({
      operating_hours: { timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
    });
    // 2026-03-07 is a Saturday.
    const error = refusal(() => evaluateRequest(closed, request(), new Date('2026-03-07T10:00:00Z')));
    assert.equal(error.code, ErrorCode.OutsideOperatingHours);
    assert.equal(error.rule, 'operating_hours');
    assert.match(error.message, /on sat at 11:00 Europe\/Berlin, outside operating hours \(mon, tue, wed, thu, fri 09:00–18:00 Europe\/Berlin\)/);
    assert.equal(evaluateRequest(closed, request(), new Date('2026-03-06T10:00:00Z')).tier, 2);
  });

  it('lets the decision matrix raise a tier and name its cell', () => {
    const risky = request({ decision: { reasoning: 'r', confidence: 0.95, risk: 'security' } });
    assert.deepEqual(evaluateRequest(policy(), risky, now), { tier: 3, rule: 'decision_matrix.high_confidence_high_risk' });
    const unsure = request({ action: 'create_comment', decision: { reasoning: 'r', confidence: 0.5, risk: 'low' } });
    assert.deepEqual(evaluateRequest(policy(), unsure, now), { tier: 2, rule: 'decision_matrix.low_confidence_low_risk' });
  });

  it('never lets the decision matrix lower a tier', () => {
    const confident = request({ action: 'delete_branch', decision: { reasoning: 'r', confidence: 0.99, risk: 'low' } });
    assert.deepEqual(evaluateRequest(policy(), confident, now), { tier: 4, rule: 'actions.delete_branch.tier' });
    const highRisk = request({ action: 'delete_branch', decision: { reasoning: 'r', confidence: 0.99, risk: 'destructive' } });
    assert.deepEqual(evaluateRequest(policy(), highRisk, now), { tier: 4, rule: 'actions.delete_branch.tier' });
    const lenient = policy({ decision_matrix: { low_confidence_low_risk: { min_tier: 0 } } });
    const unsure = request({ action: 'merge_pull_request', decision: { reasoning: 'r', confidence: 0.1, risk: 'low' } });
    assert.deepEqual(evaluateRequest(lenient, unsure, now), { tier: 3, rule: 'actions.merge_pull_request.tier' });
  });

  it('refuses low confidence with high risk, naming the matrix cell', () => {
    const reckless = request({ decision: { reasoning: 'r', confidence: 0.8, risk: 'financial' } });
    const error = refusal(() => evaluateRequest(policy(), reckless, now));
    assert.equal(error.code, ErrorCode.DecisionMatrixRefused);
    assert.equal(error.rule, 'decision_matrix.low_confidence_high_risk');
    assert.match(error.message, /confidence 0\.8 is not above 0\.8 and risk "financial" is high/);
  });

  it('refuses an unknown action by matrix too, rather than only raising it', () => {
    const reckless = request({ action: 'mystery_tool', decision: { reasoning: 'r', confidence: 0.2, risk: 'destructive' } });
    assert.equal(refusal(() => evaluateRequest(policy(), reckless, now)).rule, 'decision_matrix.low_confidence_high_risk');
  });
});
