import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { signAttestation } from '../src/approvals/sign-attestation.ts';
import { GOVERNOR_SUBJECT } from '../src/governor/resume-rules.ts';
import { approveUpdate, GOVERNOR_WORKFLOW_ID, governorStatusQuery, killAllSignal, killSignal, resumeUpdate } from '../workflows/messages.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { actionRow, eventually, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';


const published = (h: Harness, id: string) => eventually(async () => ((await actionRow(h.db.pool, id))?.state === 'published' ? true : undefined));

describe('the kill switch', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness(testPolicy({ rollbackWindow: '5m', approvalTimeout: '5m' }));
  });
  after(async () => h.close());

  const governor = () => h.temporal.client.workflow.getHandle(GOVERNOR_WORKFLOW_ID);
  const resumeBy = (operator: string, epoch: string) => ({
    approver: operator,
    channel: 'cli' as const,
    attestation: signAttestation(h.keys.cli.privateKey, { actionId: GOVERNOR_SUBJECT, actionHash: epoch, approver: operator, decision: 'approve', channel: 'cli' }),
  });

  it('kills one pending action: it ends killed and is never published', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 10 } })));
    const subject = await awaitingApproval(action);
    await action.handle.signal(killSignal, { by: 'erin', reason: 'wrong repository' });
    assert.equal(await action.result(), 'killed');
    assert.equal((await actionRow(h.db.pool, action.actionId))?.state, 'killed');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), []);
    await assert.rejects(action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob')] }));
  });

  it('killAll freezes first, halts pending actions, rolls back windowed ones, refuses new starts; resume needs an attested operator', async () => {
    const pending = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 11 } })));
    const windowed = governed(await h.startAction(request({ params: { amount: 5, pr: 12 } })));
    await awaitingApproval(pending);
    await published(h, windowed.actionId);

    await governor().signal(killAllSignal, { by: 'erin', reason: 'agent loop in production', rollback: true });
    assert.equal(await pending.result(), 'killed');
    assert.equal(await windowed.result(), 'rolled_back');
    assert.deepEqual(await ledgerEntries(h.db.pool, pending.actionId), []);
    assert.deepEqual((await ledgerEntries(h.db.pool, windowed.actionId)).map((e) => e.kind), ['entry', 'reversal']);

    const status = await eventually(async () => {
      const s = await governor().query(governorStatusQuery);
      return s.kills >= 1 ? s : undefined;
    });
    assert.equal(status.frozen, true);
    assert.equal(status.by, 'erin');
    assert.equal(status.reason, 'agent loop in production');
    assert.ok(status.halted >= 1 && status.rolledBack >= 1);

    await assert.rejects(h.startAction(request({ action: 'read_repository' })), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'frozen');
      assert.match(error.message, /erin engaged the kill switch at .* \(agent loop in production\)/);
      return true;
    });

    const refusal = async (update: Promise<unknown>, code: string) =>
      assert.rejects(update, (error: unknown) => {
        assert.ok(error instanceof WorkflowUpdateFailedError);
        assert.equal((error.cause as { type?: string }).type, code);
        return true;
      });
    await refusal(governor().executeUpdate(resumeUpdate, { args: [{ approver: 'erin', channel: 'cli' }] }), 'attestation_missing');
    await refusal(governor().executeUpdate(resumeUpdate, { args: [resumeBy('bob', status.epoch)] }), 'not_an_operator');
    const resumed = await governor().executeUpdate(resumeUpdate, { args: [resumeBy('erin', status.epoch)] });
    assert.equal(resumed.frozen, false);
    const after = await h.startAction(request({ action: 'read_repository' }));
    assert.equal(after.kind, 'allowed');
  });

  it('never publishes an action approved after the freeze was committed', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 13 } })));
    const subject = await awaitingApproval(action);
    // The freeze row is committed, but this action has not been sent `kill` (as when the fan-out lags).
    await h.db.pool.query("UPDATE kill_switch SET frozen = true, engaged_by = 'erin', reason = 'drill', since = now(), epoch = repeat('a', 64)");
    await action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob')] });
    assert.equal(await action.result(), 'killed');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), []);
    assert.match((await actionRow(h.db.pool, action.actionId))?.reason ?? '', /the kill switch is engaged \(erin: drill\); nothing was published/);
    await h.db.pool.query('UPDATE kill_switch SET frozen = false');
  });
});
