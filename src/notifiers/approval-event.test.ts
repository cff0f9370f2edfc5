import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApprovalEventSchema } from './approval-event.ts';

describe('ApprovalEventSchema', () => {
  it('parses each kind of event', () => {
    for (const event of [
      { kind: 'decided', actionId: 'a', decision: 'reject', approver: 'bob', channel: 'email', approvals: 0, quorum: 1, outcome: 'rejected' },
      { kind: 'expired', actionId: 'a', deadline: '2025-06-01T13:00:00Z' },
      { kind: 'published', actionId: 'a', reference: 'pr-42' },
      { kind: 'rolled_back', actionId: 'a', by: 'ops', reason: 'CI failed', cause: 'ci_failed' },
    ]) {
      assert.equal(ApprovalEventSchema.safeParse(event).success, true, event.kind);
    }
  });

  it('refuses an unknown kind and unknown fields', () => {
    assert.equal(ApprovalEventSchema.safeParse({ kind: 'escalated', actionId: 'a' }).success, false);
    assert.equal(ApprovalEventSchema.safeParse({ kind: 'published', actionId: 'a', reference: 'r', extra: 1 }).success, false);
  });
});
