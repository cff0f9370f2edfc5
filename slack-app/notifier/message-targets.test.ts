import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestFacts } from '../blocks/approval-message.ts';
import { messageTargets } from './message-targets.ts';

const request = { approvers: ['alice', 'bob', 'carol'], owner: 'alice' } as Pick<RequestFacts, 'approvers' | 'owner'> as RequestFacts;
const people = { alice: { name: 'A', slack_id: 'U0ALICE01' }, bob: { name: 'B', slack_id: 'U0BOB0001' }, carol: { name: 'C' } };

describe('Slack message targets', () => {
  it('posts to the policy channel only, unless DMs are asked for', () => {
    assert.deepEqual(messageTargets({ channel: 'C0APPROVE', dm: false, attempts: 5 }, request, people), { targets: [{ target: 'C0APPROVE', recipient: null }], unreachable: [] });
  });

  it('DMs each approver with a slack_id, never the owner, and names those it cannot reach', () => {
    assert.deepEqual(messageTargets({ dm: true, attempts: 5 }, request, people), { targets: [{ target: 'U0BOB0001', recipient: 'bob' }], unreachable: ['carol'] });
  });
});
