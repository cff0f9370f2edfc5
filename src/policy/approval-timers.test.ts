import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reminderOffsets } from './approval-timers.ts';
import { PolicySchema } from './policy-schema.ts';

const base = {
  version: 1,
  people: { alice: { name: 'Alice' }, bob: { name: 'Bob', email: 'bob@example.com' } },
  approver_groups: { maintainers: ['bob'] },
  agents: { bot: { owner: 'alice', version: '1', actions: ['*'] } },
};

function issuesOf(action: Record<string, unknown>, extra: Record<string, unknown> = {}): Array<[string, string]> {
  const result = PolicySchema.safeParse({
    ...base,
    ...extra,
    actions: { merge: { tier: 3, executor: { type: 'ledger', account: 'm' }, approvers: ['maintainers'], ...action } },
  });
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('reminders and escalation in the policy', () => {
  it('accepts shares of the timeout and durations, and email as a notifier', () => {
    assert.deepEqual(issuesOf({ approval_timeout: '4h', notify: ['email'], reminders: ['50%', '3h'], escalate: { to: ['email'], after: '1h' } }), []);
  });

  it('refuses a reminder or an escalation at or after the deadline, naming the key', () => {
    const issues = issuesOf({ approval_timeout: '1h', reminders: ['2h'], escalate: { to: ['email'], after: '1h' } });
    assert.match(issues.find(([p]) => p === 'actions.merge.reminders.0')?.[1] ?? '', /not before approval_timeout/);
    assert.match(issues.find(([p]) => p === 'actions.merge.escalate.after')?.[1] ?? '', /would expire first/);
  });

  it('refuses a malformed reminder, an empty escalation and an unconfigured webhook to escalate to', () => {
    assert.match(issuesOf({ reminders: ['150%'] }).find(([p]) => p === 'actions.merge.reminders.0')?.[1] ?? '', /share of approval_timeout/);
    assert.match(issuesOf({ escalate: { to: [] } }).find(([p]) => p === 'actions.merge.escalate.to')?.[1] ?? '', /at least one notifier/);
    assert.match(issuesOf({ escalate: { to: ['webhook'] } }).find(([p]) => p === 'actions.merge.escalate.to.0')?.[1] ?? '', /webhook notifier is not configured/);
    assert.match(issuesOf({ escalate: { to: ['email'], when: 'late' } }).find(([p]) => p.startsWith('actions.merge.escalate'))?.[1] ?? '', /unknown key/);
  });

  it('orders reminder offsets and drops repeats', () => {
    assert.deepEqual(reminderOffsets([{ share: 0.5 }, { afterMs: 1_000 }, { afterMs: 2_000 }], 4_000), [1_000, 2_000]);
  });
});
