import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateKeyPair } from './channel-keys.ts';
import { DecisionSchema } from './decision.ts';
import { signAttestation } from './sign-attestation.ts';

describe('DecisionSchema', () => {
  it('parses a decision without an attestation, so the validator can refuse it in words', () => {
    const parsed = DecisionSchema.safeParse({ approver: 'alice', channel: 'slack', comment: 'looks fine' });
    assert.equal(parsed.success, true);
  });

  it('parses a signed tier-4 decision', () => {
    const attestation = signAttestation(generateKeyPair().privateKey, {
      actionId: 'act-1',
      actionHash: 'cd'.repeat(32),
      approver: 'alice',
      decision: 'approve',
      channel: 'http',
    });
    const parsed = DecisionSchema.safeParse({ approver: 'alice', channel: 'http', confirm: true, attestation });
    assert.equal(parsed.success, true);
  });

  it('refuses unknown fields, unknown channels and an empty approver', () => {
    for (const input of [
      { approver: 'alice', channel: 'slack', approved: true },
      { approver: 'alice', channel: 'pager' },
      { approver: '', channel: 'slack' },
      { approver: 'alice', channel: 'slack', attestation: { signature: 'ab' } },
    ]) {
      assert.equal(DecisionSchema.safeParse(input).success, false, JSON.stringify(input));
    }
  });
});
