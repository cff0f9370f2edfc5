import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyPair } from './channel-keys.ts';
import { checkDecision, type ApprovalProgress, type ApprovalRules } from './decision-rules.ts';
import { signAttestation } from './sign-attestation.ts';

const cli = generateKeyPair();
const HASH = 'a'.repeat(64);
const rules: ApprovalRules = {
  approvers: ['bob', 'carol', 'alice'],
  operators: ['erin'],
  owner: 'alice',
  quorum: 2,
  timeoutMs: 60_000,
  confirmation: true,
  attestationMaxAgeMs: 600_000,
  channelKeys: { cli: cli.publicKey },
  remindersMs: [],
  escalation: null,
};
const progress = (phase: ApprovalProgress['phase'], extra: Partial<ApprovalProgress> = {}): ApprovalProgress => ({
  phase,
  actionId: 'act-1',
  actionHash: HASH,
  deadline: '2026-11-22T10:00:00.000Z',
  approvals: [],
  seenNonces: [],
  ...extra,
});
const decision = (approver: string, kind: 'approve' | 'reject' = 'approve', extra: Record<string, unknown> = {}) => ({
  approver,
  channel: 'cli',
  confirm: true,
  attestation: signAttestation(cli.privateKey, { actionId: 'act-1', actionHash: HASH, approver, decision: kind, channel: 'cli', ...(kind === 'approve' ? { confirm: true as const } : {}) }),
  ...extra,
});

describe('checkDecision', () => {
  it('accepts an attested approve by an approver, with the tier-4 confirmation', () => {
    assert.equal(checkDecision('approve', decision('bob'), rules, progress('awaiting'), Date.now()).ok, true);
  });

  it('refuses a tier-4 approve whose confirmation the channel did not sign', () => {
    const unsigned = { ...decision('bob'), attestation: signAttestation(cli.privateKey, { actionId: 'act-1', actionHash: HASH, approver: 'bob', decision: 'approve', channel: 'cli' }) };
    const check = checkDecision('approve', unsigned, rules, progress('awaiting'), Date.now());
    assert.deepEqual(check.ok ? 'accepted' : check.code, 'confirmation_required');
  });

  it('refuses before the action asks, and after it was decided or expired, saying which', () => {
    const reasons = (['not_yet', 'approved', 'rejected', 'expired'] as const).map((phase) => {
      const check = checkDecision('approve', decision('bob'), rules, progress(phase, { approvals: [{ approver: 'carol', channel: 'cli', at: '' }], rejectedBy: 'carol' }), Date.now());
      assert.ok(!check.ok);
      assert.equal(check.code, 'decision_closed');
      return check.reason;
    });
    assert.match(reasons[0] ?? '', /not waiting for a decision yet/);
    assert.match(reasons[1] ?? '', /already approved \(carol\)/);
    assert.match(reasons[2] ?? '', /already rejected by carol/);
    assert.match(reasons[3] ?? '', /expired at 2026-11-22T10:00:00.000Z; expiry is a rejection/);
  });

  it('lets operators and the owner reject (the safe direction) but not an outsider', () => {
    assert.equal(checkDecision('reject', decision('erin', 'reject'), rules, progress('awaiting'), Date.now()).ok, true);
    assert.equal(checkDecision('reject', decision('alice', 'reject'), rules, progress('awaiting'), Date.now()).ok, true);
    const outsider = checkDecision('reject', decision('mallory', 'reject'), rules, progress('awaiting'), Date.now());
    assert.ok(!outsider.ok);
    assert.equal(outsider.code, 'not_an_approver');
  });

  it('refuses an approver who already counted, and an approve without confirmation on tier 4', () => {
    const again = checkDecision('approve', decision('bob'), rules, progress('awaiting', { approvals: [{ approver: 'bob', channel: 'cli', at: '' }] }), Date.now());
    assert.ok(!again.ok);
    assert.equal(again.code, 'already_approved');
    const unconfirmed = checkDecision('approve', decision('bob', 'approve', { confirm: false }), rules, progress('awaiting'), Date.now());
    assert.ok(!unconfirmed.ok);
    assert.equal(unconfirmed.code, 'confirmation_required');
  });
});
