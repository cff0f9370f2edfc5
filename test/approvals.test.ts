import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { signAttestation } from '../src/approvals/sign-attestation.ts';
import { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import { approveUpdate, rejectUpdate, statusQuery } from '../workflows/messages.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { actionRow, auditEvents, eventTypes, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';


/** Asserts an update is refused with this code and a reason matching `reason`. */
async function refused(attempt: Promise<unknown>, code: string, reason: RegExp): Promise<void> {
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof WorkflowUpdateFailedError, `expected an update failure, got ${String(error)}`);
    const cause = error.cause as { type?: string; message: string } | undefined;
    assert.equal(cause?.type, code);
    assert.match(cause?.message ?? '', reason);
    return true;
  });
}

describe('approvals: tier 3 and 4', () => {
  let h: Harness;
  let hook: Awaited<ReturnType<typeof startLoopbackHttp>>;
  before(async () => {
    hook = await startLoopbackHttp(() => ({ status: 204 }));
    h = await createHarness(testPolicy({ rollbackWindow: '1s', approvalTimeout: '2s', webhookUrl: `${hook.base}/countersign` }), {
      env: { HOOK_TOKEN: 'hook-secret' },
    });
  });
  after(async () => {
    await h.close();
    await hook.close();
  });

  it('publishes a tier-3 action once an approver approves with a signed attestation', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 1 } })));
    const subject = await awaitingApproval(action);
    assert.equal((await actionRow(h.db.pool, action.actionId))?.state, 'awaiting_approval');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), [], 'nothing is published before approval');
    const answer = await action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob', { comment: 'lgtm' })] });
    assert.equal(answer.message, 'accepted, 1 of 1');
    assert.equal(await action.result(), 'published');
    assert.equal((await ledgerEntries(h.db.pool, action.actionId)).length, 1);
    const types = await eventTypes(h.db.pool, action.actionId);
    assert.deepEqual(types.slice(2, 8), ['staged', 'audited', 'approval_requested', 'approval_accepted', 'approved', 'publishing']);
    const accepted = (await auditEvents(h.db.pool, action.actionId)).find((e) => e.type === 'approval_accepted');
    assert.equal(accepted?.actor, 'bob');
    const status = await action.handle.query(statusQuery);
    assert.deepEqual(status.approval?.approvals.map((a) => a.approver), ['bob']);

    // The webhook notifier got each event of this action, with the configured header.
    const events = hook.requests.filter((r) => (r.body as { actionId?: string }).actionId === action.actionId);
    assert.deepEqual(events.map((r) => r.headers['x-countersign-event']).sort(), ['decided', 'published', 'requested', 'window_closed']);
    assert.equal(events[0]?.headers['x-token'], 'hook-secret');
    const requested = events.find((r) => r.headers['x-countersign-event'] === 'requested')?.body as { approvers: string[]; quorum: number; actionHash: string };
    assert.deepEqual(requested.approvers, ['alice', 'bob', 'carol']);
    assert.equal(requested.actionHash, subject.actionHash);
  });

  it('audits a refusal delivered through a Countersign channel, with the reason the person saw', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 4 } })));
    const subject = await awaitingApproval(action);
    const submit = createSubmitDecision({ pool: h.db.pool, temporal: h.temporal.client });
    await assert.rejects(submit(action.actionId, 'approve', h.signedDecision('approve', subject, 'dave')), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'not_an_approver');
      assert.match(error.message, /dave is not an approver/);
      return true;
    });
    const refusedEvent = (await auditEvents(h.db.pool, action.actionId)).find((e) => e.type === 'decision_refused');
    assert.equal(refusedEvent?.actor, 'dave');
    assert.equal(refusedEvent?.payload.code, 'not_an_approver');
    assert.match(String(refusedEvent?.payload.reason), /dave is not an approver/);
    assert.equal((await submit(action.actionId, 'reject', h.signedDecision('reject', subject, 'bob', { reason: 'enough' }))).message, 'rejected by bob');
    assert.equal(await action.result(), 'rejected');
    await assert.rejects(submit(action.actionId, 'approve', h.signedDecision('approve', subject, 'carol')), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'decision_closed');
      return true;
    });
  });

  it('ends rejected on a reject, and publishes nothing', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 2 } })));
    const subject = await awaitingApproval(action);
    const answer = await action.handle.executeUpdate(rejectUpdate, { args: [h.signedDecision('reject', subject, 'carol', { reason: 'breaks the API' })] });
    assert.equal(answer.message, 'rejected by carol');
    assert.equal(await action.result(), 'rejected');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), []);
    const row = await actionRow(h.db.pool, action.actionId);
    assert.equal(row?.state, 'rejected');
    assert.equal(row?.reason, 'breaks the API');
    // A decision after the end is refused (Temporal refuses updates to a closed workflow too).
    await assert.rejects(action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob')] }));
  });

  it('ends expired at the deadline, never approved, and refuses a late approve', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_quickly' })));
    const subject = await awaitingApproval(action);
    assert.equal(await action.result(), 'expired');
    assert.equal((await actionRow(h.db.pool, action.actionId))?.state, 'expired');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), []);
    assert.ok((await eventTypes(h.db.pool, action.actionId)).includes('expired'));
    await assert.rejects(action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob')] }));
  });

  it('refuses the agent owner, a non-approver, and an approve with no attestation (as typed into the UI)', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 3 } })));
    const subject = await awaitingApproval(action);
    await refused(
      action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'alice')] }),
      'own_agent_action',
      /alice owns the requesting agent and cannot approve its actions/,
    );
    await refused(
      action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'dave')] }),
      'not_an_approver',
      /dave is not an approver of this action; the policy lets alice, bob, carol approve it/,
    );
    await refused(
      action.handle.executeUpdate(approveUpdate, { args: [{ approver: 'bob', channel: 'cli' }] }),
      'attestation_missing',
      /cannot prove who sent it/,
    );
    await refused(action.handle.executeUpdate(approveUpdate, { args: [{ hello: 'world' } as never] }), 'decision_invalid', /malformed approve/);
    assert.equal((await action.handle.query(statusQuery)).state, 'awaiting_approval');
    await action.handle.executeUpdate(rejectUpdate, { args: [h.signedDecision('reject', subject, 'bob', { reason: 'done testing' })] });
    assert.equal(await action.result(), 'rejected');
  });

  it('refuses forged, stale, replayed and other-hash attestations', async () => {
    const action = governed(await h.startAction(request({ action: 'delete_branch', resource: 'github.com/acme/api/tree/old' })));
    const subject = await awaitingApproval(action);
    const good = h.signedDecision('approve', subject, 'bob', { channel: 'cli', confirm: true });
    // Forged: claims the CLI channel but was signed with another key (Slack's).
    const other = h.signedDecision('approve', subject, 'bob', { channel: 'slack', confirm: true });
    const spoofed = { ...other, channel: 'cli' as const, attestation: other.attestation && { ...other.attestation, channel: 'cli' as const } };
    await refused(action.handle.executeUpdate(approveUpdate, { args: [spoofed] }), 'attestation_invalid', /.+/);
    // Another version of the action.
    const changed = h.signedDecision('approve', { ...subject, actionHash: 'f'.repeat(64) }, 'bob', { confirm: true });
    await refused(action.handle.executeUpdate(approveUpdate, { args: [changed] }), 'attestation_mismatch', /another version of the action|hash/);
    // Stale: signed an hour ago, past the policy's attestation_max_age.
    const staleAttestation = signAttestation(
      h.keys.cli.privateKey,
      { ...subject, approver: 'bob', decision: 'approve', channel: 'cli' },
      new Date(Date.now() - 3_600_000),
    );
    await refused(
      action.handle.executeUpdate(approveUpdate, { args: [{ approver: 'bob', channel: 'cli', confirm: true, attestation: staleAttestation }] }),
      'attestation_stale',
      /.+/,
    );
    // Tampered: a field changed after signing.
    const tampered = h.signedDecision('approve', subject, 'bob', { confirm: true });
    const moved = tampered.attestation && { ...tampered.attestation, issuedAt: new Date(Date.now() - 1000).toISOString() };
    await refused(action.handle.executeUpdate(approveUpdate, { args: [{ ...tampered, attestation: moved }] }), 'attestation_invalid', /.+/);
    // Tier 4 needs an explicit confirmation.
    await refused(
      action.handle.executeUpdate(approveUpdate, { args: [h.signedDecision('approve', subject, 'bob')] }),
      'confirmation_required',
      /confirm it explicitly/,
    );
    // ...which the channel signs: "confirm" added to an approval signed without it is refused.
    const unconfirmed = h.signedDecision('approve', subject, 'bob');
    await refused(action.handle.executeUpdate(approveUpdate, { args: [{ ...unconfirmed, confirm: true }] }), 'confirmation_required', /the channel did not sign a confirmation/);
    // Accepted once; the same attestation again is a replay; the same person again counts once.
    assert.equal((await action.handle.executeUpdate(approveUpdate, { args: [good] })).message, 'accepted, 1 of 2');
    await refused(action.handle.executeUpdate(approveUpdate, { args: [good] }), 'attestation_replayed', /.+/);
    const again = h.signedDecision('approve', subject, 'bob', { confirm: true });
    await refused(action.handle.executeUpdate(approveUpdate, { args: [again] }), 'already_approved', /same person counts once, another approver is needed/);
    const carol = h.signedDecision('approve', subject, 'carol', { confirm: true });
    assert.equal((await action.handle.executeUpdate(approveUpdate, { args: [carol] })).message, 'accepted, 2 of 2');
    assert.equal(await action.result(), 'published');
    assert.deepEqual((await action.handle.query(statusQuery)).approval?.approvals.map((a) => a.approver), ['bob', 'carol']);
  });

  it('refuses a replayed attestation even for a person who has not yet counted', async () => {
    const action = governed(await h.startAction(request({ action: 'delete_branch', resource: 'github.com/acme/api/tree/older' })));
    const subject = await awaitingApproval(action);
    const bob = h.signedDecision('approve', subject, 'bob', { confirm: true });
    await action.handle.executeUpdate(approveUpdate, { args: [bob] });
    // Carol's decision carrying bob's nonce: the signature does not match carol; the nonce is seen.
    const replay = { ...bob, approver: 'carol' };
    await refused(action.handle.executeUpdate(approveUpdate, { args: [replay] }), 'attestation_mismatch', /.+/);
    await action.handle.executeUpdate(rejectUpdate, { args: [h.signedDecision('reject', subject, 'erin', { reason: 'operator stop' })] });
    assert.equal(await action.result(), 'rejected');
  });
});
