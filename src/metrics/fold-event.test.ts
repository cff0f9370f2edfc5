import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsFold, type MetricEvent } from './fold-event.ts';
import { createMetricSet } from './metric-set.ts';

let seq = 0;
const event = (type: string, at: number, extra: Partial<MetricEvent> = {}): MetricEvent => ({
  seq: String(++seq),
  type,
  occurredAt: new Date(at * 1000),
  actionId: 'a1',
  actor: 'countersign',
  payload: {},
  agent: 'bot',
  action: 'merge',
  tier: 3,
  ...extra,
});

async function value(m: ReturnType<typeof createMetricSet>, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await m.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))?.value ?? 0;
}

describe('metrics folded from the audit trail', () => {
  it('times the approval wait and approve → publish from the deciding approval', async () => {
    const m = createMetricSet();
    const fold = new MetricsFold(m);
    fold.apply(event('approval_requested', 100));
    fold.apply(event('approval_accepted', 160, { actor: 'bob' }));
    fold.apply(event('approved', 161));
    fold.apply(event('published', 162));
    fold.apply(event('window_closed', 200));
    const wait = (await m.approvalWait.get()).values.find((v) => v.metricName === 'countersign_approval_wait_seconds_sum');
    assert.equal(wait?.value, 60);
    const publish = (await m.approveToPublish.get()).values.find((v) => v.metricName === 'countersign_approve_to_publish_seconds_sum');
    assert.equal(publish?.value, 2);
    assert.equal(await value(m, 'countersign_actions_total', { outcome: 'published' }), 1);
    assert.equal(await value(m, 'countersign_human_interventions_total', { kind: 'approve' }), 1);
  });

  it('counts a kill-all as one intervention and the actions it halts as the kill switch', async () => {
    const m = createMetricSet();
    const fold = new MetricsFold(m);
    fold.apply(event('killed', 1, { actionId: 'solo', actor: 'erin' }));
    fold.apply(event('freeze_engaged', 2, { actionId: null, actor: 'erin' }));
    fold.apply(event('killed', 3, { actionId: 'b', actor: 'erin' }));
    fold.apply(event('killed', 3, { actionId: 'c', actor: 'erin' }));
    fold.apply(event('freeze_lifted', 4, { actionId: null, actor: 'erin' }));
    assert.equal(await value(m, 'countersign_human_interventions_total', { kind: 'kill' }), 1);
    assert.equal(await value(m, 'countersign_human_interventions_total', { kind: 'kill_all' }), 1);
    assert.equal(await value(m, 'countersign_guardrail_triggers_total', { guardrail: 'kill_switch' }), 2);
    assert.equal(await value(m, 'countersign_actions_total', { outcome: 'killed' }), 3);
  });

  it('tells a failed publish rolled back from a rollback of a published action', async () => {
    const m = createMetricSet();
    const fold = new MetricsFold(m);
    fold.apply(event('rolled_back', 1, { actionId: 'x', payload: { cause: 'publish_failed' } }));
    fold.apply(event('rolled_back', 2, { actionId: 'y', payload: { cause: 'ci_failed' } }));
    assert.equal(await value(m, 'countersign_actions_total', { outcome: 'failed' }), 1);
    assert.equal(await value(m, 'countersign_actions_total', { outcome: 'rolled_back' }), 1);
    assert.equal(await value(m, 'countersign_rollbacks_total', { cause: 'ci_failed', result: 'done' }), 1);
  });
});
