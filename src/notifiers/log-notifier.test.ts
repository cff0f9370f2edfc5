import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import type { ApprovalEvent } from './approval-event.ts';
import { createLogNotifier } from './log-notifier.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

const requested: ApprovalEvent = {
  kind: 'requested',
  actionId: 'act-3',
  agentId: 'bounty-hunter',
  taskId: 'task-1',
  action: 'merge_pull_request',
  resource: 'github.com/acme/api/pull/42',
  tier: 3,
  rule: 'actions.merge_pull_request',
  actionHash: 'ef'.repeat(32),
  approvers: ['alice', 'bob'],
  quorum: 1,
  deadline: '2025-06-01T13:00:00.000Z',
  reasoning: 'x'.repeat(600),
  confidence: 0.9,
  risk: 'high',
  findings: [{ type: 'email', location: 'draft' }],
};

describe('log notifier', () => {
  it('writes one line per event with the action id and a short message', async () => {
    const { log, lines } = capture();
    const notifier = createLogNotifier(log);
    assert.equal(notifier.name, 'log');
    await notifier.notify(requested);
    await notifier.notify({ kind: 'rolled_back', actionId: 'act-3', by: 'ops', reason: 'bad deploy', cause: 'manual' });
    assert.equal(lines.length, 2);
    const [first, second] = lines;
    assert.equal(first?.actionId, 'act-3');
    assert.equal(first?.msg, 'approval requested');
    assert.equal(first?.event, 'requested');
    assert.equal(first?.tier, 3);
    assert.deepEqual(first?.approvers, ['alice', 'bob']);
    assert.equal(String(first?.reasoning).length, 501, 'long reasoning is cut');
    assert.equal(second?.msg, 'action rolled back');
    assert.equal(second?.cause, 'manual');
  });
});
