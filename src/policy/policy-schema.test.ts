import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PolicySchema, type PolicyInput } from './policy-schema.ts';

const ledger = { type: 'ledger', account: 'book' } as const;

const base = {
  version: 1,
  people: { alice: { name: 'Alice' }, bob: { name: 'Bob' }, carol: { name: 'Carol' } },
  approver_groups: { maintainers: ['alice', 'bob'], sre: ['bob', 'carol'] },
  agents: { 'bounty-hunter': { owner: 'carol', version: '1.0.0', actions: ['*'] } },
} satisfies PolicyInput;

function issues(input: unknown): Array<[string, string]> {
  const result = PolicySchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

function issueAt(input: unknown, path: string): string | undefined {
  return issues(input).find(([p]) => p === path)?.[1];
}

describe('PolicySchema', () => {
  it('fills the documented defaults', () => {
    const policy = PolicySchema.parse({
      ...base,
      actions: {
        read_repository: { tier: 0 },
        merge_pull_request: { tier: 3, executor: ledger, approvers: ['maintainers'] },
        delete_branch: { tier: 4, executor: ledger, approvers: ['maintainers'] },
      },
    });
    assert.equal(policy.actions.read_repository?.quorum, 1);
    assert.equal(policy.actions.merge_pull_request?.quorum, 1);
    assert.equal(policy.actions.delete_branch?.quorum, 2);
    assert.equal(policy.actions.merge_pull_request?.approval_timeout, 4 * 3_600_000);
    assert.equal(policy.actions.merge_pull_request?.rollback_window, 24 * 3_600_000);
    // No `default`: each finding type's own default mode applies (secrets block, email redacts).
    assert.deepEqual(policy.dlp, { types: {}, allow: [], ipAddresses: false });
    assert.deepEqual(policy.rate_limits, { agents: {}, actions: {} });
    assert.deepEqual(policy.blacklist, { actions: [], resources: [] });
    assert.deepEqual(policy.operators, []);
    assert.equal(policy.operating_hours, undefined);
    assert.deepEqual(policy.decision_matrix, {
      confidence_threshold: 0.8,
      high_risk: ['high', 'destructive', 'financial', 'security'],
      high_confidence_low_risk: 'proceed',
      high_confidence_high_risk: { min_tier: 3 },
      low_confidence_low_risk: { min_tier: 2 },
      low_confidence_high_risk: 'refuse',
    });
  });

  it('reads an agent version written as a YAML number as text', () => {
    const policy = PolicySchema.parse({ ...base, agents: { a: { owner: 'alice', version: 1.2, actions: ['x'] } } });
    assert.equal(policy.agents.a?.version, '1.2');
  });

  it('refuses a misspelt key, listing the keys allowed there', () => {
    assert.match(
      issueAt({ ...base, actions: { merge: { tier: 1, qourum: 2 } } }, 'actions.merge') ?? '',
      /^unknown key; the keys allowed here are: tier, description, executor, approvers, quorum,/,
    );
    assert.match(issueAt({ ...base, blacklists: {} }, '') ?? '', /unknown key/);
  });

  it('asks for approvers on a tier-3 action and an executor on tier 2 and above', () => {
    const input = { ...base, actions: { merge: { tier: 3 }, open: { tier: 2 }, comment: { tier: 1 } } };
    assert.match(issueAt(input, 'actions.merge.approvers') ?? '', /a tier-3 action needs approvers/);
    assert.match(issueAt(input, 'actions.merge.executor') ?? '', /a tier-3 action needs an executor/);
    assert.match(issueAt(input, 'actions.open.executor') ?? '', /a tier-2 action needs an executor/);
    assert.equal(issueAt(input, 'actions.comment.executor'), undefined);
  });

  it('refuses a quorum larger than the distinct people in the approver groups', () => {
    const overlap = { tier: 3, executor: ledger, approvers: ['maintainers', 'sre'], quorum: 4 };
    assert.equal(
      issueAt({ ...base, actions: { merge: overlap } }, 'actions.merge.quorum'),
      'quorum 4 needs 4 distinct approvers, but maintainers, sre have only 3 (alice, bob, carol); add people to those groups or lower quorum',
    );
    assert.deepEqual(issues({ ...base, actions: { merge: { ...overlap, quorum: 3 } } }), []);
  });

  it('explains a tier-4 default quorum that the groups cannot reach', () => {
    const input = {
      ...base,
      approver_groups: { solo: ['alice'] },
      actions: { delete_branch: { tier: 4, executor: ledger, approvers: ['solo'] } },
    };
    assert.match(
      issueAt(input, 'actions.delete_branch.quorum') ?? '',
      /^a tier-4 action needs 2 distinct approvers by default, but solo has only 1 \(alice\); add people to those groups or set quorum$/,
    );
  });

  it('refuses references to people, groups and agents that are not declared', () => {
    const input = {
      ...base,
      approver_groups: { maintainers: ['alice', 'zed'] },
      operators: ['yolanda'],
      agents: { 'bounty-hunter': { owner: 'xavier', version: '1', actions: ['*'] } },
      actions: { merge: { tier: 3, executor: ledger, approvers: ['maintainer'] } },
      rate_limits: { agents: { ghost: { count: 5, window: '1h' } } },
    };
    assert.equal(issueAt(input, 'approver_groups.maintainers.1'), '"zed" is not under people; add them under people: or fix the id');
    assert.equal(issueAt(input, 'operators.0'), '"yolanda" is not under people; add them under people: or fix the id');
    assert.equal(issueAt(input, 'agents.bounty-hunter.owner'), '"xavier" is not under people; add them under people: or fix the id');
    assert.match(issueAt(input, 'actions.merge.approvers.0') ?? '', /^"maintainer" is not under approver_groups/);
    assert.match(issueAt(input, 'rate_limits.agents.ghost') ?? '', /^"ghost" is not under agents/);
  });

  it('still checks references when other fields are malformed', () => {
    const input = {
      ...base,
      agents: { 'bounty-hunter': { owner: 'xavier', version: '1', actions: 'everything' } },
      actions: { merge: { tier: 3, executor: ledger, approvers: ['maintainers'], quorum: 'two' } },
    };
    assert.match(issueAt(input, 'agents.bounty-hunter.actions') ?? '', /expected a list/);
    assert.match(issueAt(input, 'actions.merge.quorum') ?? '', /expected a number ≥ 1, got "two"/);
    assert.match(issueAt(input, 'agents.bounty-hunter.owner') ?? '', /"xavier" is not under people/);
  });

  it('allows a manifest entry that matches no declared action', () => {
    assert.deepEqual(issues({ ...base, agents: { a: { owner: 'alice', version: '1', actions: ['not_declared_*'] } } }), []);
  });

  it('validates operating hours: zone, clock, and the same start and end', () => {
    const hours = (operating_hours: unknown) => ({ ...base, operating_hours });
    assert.match(issueAt(hours({ timezone: 'Mars/Olympus', start: '09:00', end: '17:00' }), 'operating_hours.timezone') ?? '', /unknown time zone/);
    assert.match(issueAt(hours({ timezone: 'UTC', start: '25:00', end: '17:00' }), 'operating_hours.start') ?? '', /HH:MM/);
    assert.match(issueAt(hours({ timezone: 'UTC', start: '09:00', end: '09:00' }), 'operating_hours.end') ?? '', /same time/);
    const overnight = PolicySchema.parse(hours({ timezone: 'Europe/Berlin', start: '22:00', end: '06:00' }));
    assert.deepEqual(overnight.operating_hours?.days, ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
  });

  it('validates people: email and Slack id', () => {
    const input = { ...base, people: { ...base.people, dan: { name: 'Dan', email: 'dan', slack_id: 'dan' } } };
    assert.match(issueAt(input, 'people.dan.email') ?? '', /expected an email address/);
    assert.match(issueAt(input, 'people.dan.slack_id') ?? '', /expected a Slack user id/);
  });

  it('accepts dlp modes by type and group, an allowlist and overrides per action', () => {
    const policy = PolicySchema.parse({
      ...base,
      dlp: { default: 'warn', types: { email: 'redact', jwt: 'block', aws_key: 'block' }, allow: [{ resource: 'github.com/acme/fixtures/**' }], ip_addresses: true },
      actions: { comment: { tier: 1, dlp: { types: { email: 'block' }, allow: [{ rule: 'email' }] } } },
    });
    assert.deepEqual(policy.dlp, {
      default: 'warn',
      types: { email: 'redact', jwt: 'block', aws_key: 'block' },
      allow: [{ resource: 'github.com/acme/fixtures/**' }],
      ipAddresses: true,
    });
    assert.deepEqual(policy.actions.comment?.dlp, { types: { email: 'block' }, allow: [{ rule: 'email' }] });
  });

  it('refuses an unknown DLP finding type, naming it and the path', () => {
    assert.match(issueAt({ ...base, actions: { comment: { tier: 1, dlp: { types: { emial: 'block' } } } } }, 'actions.comment.dlp.types.emial') ?? '', /^unknown finding type "emial"; use one of: .*email/);
  });

  it('refuses a policy format version other than 1', () => {
    assert.match(issueAt({ ...base, version: 2 }, 'version') ?? '', /expected 1 \(the policy format version\), got 2/);
  });
});
