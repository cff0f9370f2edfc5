import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvalMarks, pendingApprovers } from './approval-schedule.ts';

describe('approval schedule', () => {
  it('walks reminders and the escalation in time order, escalation first on a tie', () => {
    const marks = approvalMarks({ remindersMs: [1_000, 3_000], escalation: { to: ['email'], onFailure: true, afterMs: 3_000 }, timeoutMs: 4_000 });
    assert.deepEqual(marks, [
      { atMs: 1_000, kind: 'reminder', sequence: 1 },
      { atMs: 3_000, kind: 'escalate' },
      { atMs: 3_000, kind: 'reminder', sequence: 2 },
    ]);
  });

  it('has no marks without reminders or a silence escalation', () => {
    assert.deepEqual(approvalMarks({ remindersMs: [], escalation: { to: ['email'], onFailure: true, afterMs: null }, timeoutMs: 4_000 }), []);
  });

  it('leaves out the owner and who has approved', () => {
    assert.deepEqual(pendingApprovers({ approvers: ['alice', 'bob', 'carol'], owner: 'alice' }, [{ approver: 'bob' }]), ['carol']);
  });
});
