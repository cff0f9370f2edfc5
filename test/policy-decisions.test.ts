import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStartAction } from '../src/requests/start-action.ts';
import { createPool } from '../src/db/pool.ts';
import { parsePolicy } from '../src/policy/load-policy.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { actionRow, auditEvents, eventTypes } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

const RATE_LIMITS = 'rate_limits:\n  agents:\n    narrow-bot: { count: 2, window: 1h }';

type CodedError = Error & { code?: string; rule?: string };

/** Asserts a refusal's code and rule, and that it was audited with both. */
async function assertRefused(h: Harness, attempt: Promise<unknown>, code: string, rule: string | RegExp): Promise<CodedError> {
  let refusal: CodedError | undefined;
  await assert.rejects(attempt, (error: CodedError) => {
    refusal = error;
    return true;
  });
  assert.ok(refusal);
  assert.equal(refusal.code, code);
  if (typeof rule === 'string') assert.equal(refusal.rule, rule);
  else assert.match(refusal.rule ?? '', rule);
  const { rows } = await h.db.pool.query<{ payload: { code: string; rule: string }; action_id: string }>(
    "SELECT payload, action_id FROM audit_events WHERE type = 'refused' ORDER BY seq DESC LIMIT 1",
  );
  assert.equal(rows[0]?.payload.code, code);
  assert.equal(rows[0]?.payload.rule, refusal.rule);
  assert.equal((await actionRow(h.db.pool, rows[0]?.action_id ?? ''))?.state, 'refused');
  return refusal;
}

describe('policy decisions at startAction', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness(
      testPolicy({ extra: RATE_LIMITS }),
    );
  });
  after(async () => h.close());

  it('allows tier 0 and tier 1 at once, audited, without a workflow', async () => {
    for (const [action, tier] of [['read_repository', 0], ['create_comment', 1]] as const) {
      const result = await h.startAction(request({ action, resource: 'github.com/acme/api/issues/1' }));
      assert.deepEqual(result, { kind: 'allowed', actionId: result.actionId, tier, rule: `actions.${action}.tier` });
      assert.deepEqual(await eventTypes(h.db.pool, result.actionId), ['requested', 'allowed']);
      assert.equal((await actionRow(h.db.pool, result.actionId))?.state, 'allowed');
      const events = await auditEvents(h.db.pool, result.actionId);
      assert.equal(events[0]?.actor, 'bot');
      assert.equal(events[0]?.policy_version, h.policyVersion);
      assert.equal((events[0]?.payload.decision as { confidence: number }).confidence, 0.92);
    }
  });

  it('refuses an action outside the agent manifest, naming the rule', async () => {
    const refusal = await assertRefused(h, h.startAction(request({ agentId: 'narrow-bot', action: 'create_comment' })), 'policy_not_in_manifest', 'manifest');
    assert.match(refusal.message, /not in the agent's manifest/);
  });

  it('refuses an unknown agent', async () => {
    await assertRefused(h, h.startAction(request({ agentId: 'stranger' })), 'policy_agent_unknown', 'agents');
  });

  it('refuses a blacklisted action and a blacklisted resource', async () => {
    await assertRefused(h, h.startAction(request({ action: 'force_push' })), 'policy_action_blacklisted', 'blacklist.actions');
    await assertRefused(
      h,
      h.startAction(request({ resource: 'github.com/SecureBananaLabs/bounty/pull/1' })),
      'policy_resource_blacklisted',
      'blacklist.resources',
    );
  });

  it('counts rate limits in PostgreSQL, so they hold across two clients', async () => {
    const otherPool = createPool(h.db.url);
    try {
      const other = createStartAction({ pool: otherPool, temporal: h.temporal.client, taskQueue: h.taskQueue, channelKeys: h.publicKeys, policy: parsePolicy(testPolicy({ extra: RATE_LIMITS }), 'other.yaml') });
      const read = request({ agentId: 'narrow-bot', action: 'read_repository' });
      await h.startAction(read);
      await other(read);
      const refusal = await assertRefused(h, other(read), 'policy_rate_limited', 'rate_limits.agents.narrow-bot');
      assert.match(refusal.message, /2 .*per 1h/);
      await assertRefused(h, h.startAction(read), 'policy_rate_limited', 'rate_limits.agents.narrow-bot');
    } finally {
      await otherPool.end();
    }
  });

  it('refuses outside operating hours', async () => {
    const hours = 'operating_hours:\n  timezone: Europe/Berlin\n  days: [mon, tue, wed, thu, fri]\n  start: "09:00"\n  end: "17:00"';
    const policy = parsePolicy(testPolicy({ extra: hours }), 'hours.yaml');
    const at = (iso: string) => createStartAction({ pool: h.db.pool, temporal: h.temporal.client, taskQueue: h.taskQueue, channelKeys: h.publicKeys, policy, now: () => new Date(iso) });
    // 2026-11-21 is a Saturday; 2026-11-23 10:00 in Berlin is 09:00 UTC on a Monday.
    const refusal = await assertRefused(h, at('2026-11-21T12:00:00Z')(request({ action: 'read_repository' })), 'policy_outside_operating_hours', 'operating_hours');
    assert.match(refusal.message, /outside operating hours/);
    const open = await at('2026-11-23T09:00:00Z')(request({ action: 'read_repository' }));
    assert.equal(open.kind, 'allowed');
  });

  it('lets the decision matrix refuse low confidence with high risk', async () => {
    await assertRefused(
      h,
      h.startAction(request({ decision: { reasoning: 'not sure', confidence: 0.4, risk: 'destructive' } })),
      'policy_decision_matrix_refused',
      'decision_matrix.low_confidence_high_risk',
    );
  });

  it('lets the decision matrix raise a tier but never lower one', async () => {
    const raised = await h.startAction(request({ action: 'create_comment', resource: 'github.com/acme/api/issues/77', decision: { reasoning: 'sure', confidence: 0.95, risk: 'security' } }));
    assert.equal(raised.tier, 3);
    assert.equal(raised.rule, 'decision_matrix.high_confidence_high_risk');
    assert.ok(raised.kind === 'governed');
    assert.equal(await raised.result(), 'blocked');
    const kept = await h.startAction(request({ action: 'merge_pull_request', decision: { reasoning: 'sure', confidence: 0.99, risk: 'low' } }));
    assert.equal(kept.tier, 3);
    assert.equal(kept.rule, 'actions.merge_pull_request.tier');
  });

  it('answers a malformed request with an error naming every bad field, and records nothing', async () => {
    const before = (await h.db.pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0] as { n: number };
    await assert.rejects(
      h.startAction({ agentId: '', taskId: 'task-1', action: 'create pull request', resource: 'x', decision: { confidence: 1.5, risk: 'meh' } }),
      (error: CodedError & { issues?: Array<{ path: string }> }) => {
        assert.equal(error.code, 'request_invalid');
        const paths = (error.issues ?? []).map((i) => i.path).sort();
        assert.deepEqual(paths, ['action', 'agentId', 'decision.confidence', 'decision.reasoning', 'decision.risk']);
        assert.match(error.message, /decision\.confidence: .*1/);
        return true;
      },
    );
    const afterCount = (await h.db.pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0] as { n: number };
    assert.equal(afterCount.n, before.n);
  });
});
