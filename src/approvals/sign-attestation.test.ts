import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { verifyAttestation, type AttestationSubject } from './attestation.ts';
import { generateKeyPair } from './channel-keys.ts';
import { AttestationSchema } from './decision.ts';
import { signAttestation } from './sign-attestation.ts';

const subject: AttestationSubject = {
  actionId: 'act-9',
  actionHash: 'ab'.repeat(32),
  approver: 'bob',
  decision: 'reject',
  channel: 'cli',
};

describe('signAttestation', () => {
  it('makes an attestation the workflow verifies with the channel\'s public key', () => {
    const keys = generateKeyPair();
    const now = new Date('2025-06-01T12:00:00.000Z');
    const attestation = signAttestation(keys.privateKey, subject, now);
    assert.equal(attestation.issuedAt, '2025-06-01T12:00:00.000Z');
    assert.match(attestation.nonce, /^[0-9a-f]{32}$/);
    assert.doesNotThrow(() => AttestationSchema.parse(attestation));
    const result = verifyAttestation({
      attestation,
      expected: subject,
      channelKeys: { cli: keys.publicKey },
      nowMs: now.getTime() + 1_000,
      maxAgeMs: 60_000,
      seenNonces: new Set(),
    });
    assert.deepEqual(result, { ok: true });
  });

  it('uses a new nonce for every attestation', () => {
    const { privateKey } = generateKeyPair();
    const nonces = new Set(Array.from({ length: 20 }, () => signAttestation(privateKey, subject).nonce));
    assert.equal(nonces.size, 20);
  });

  it('refuses a malformed private key without echoing it', () => {
    const secret = 'not-hex-but-secret';
    assert.throws(
      () => signAttestation(secret, subject),
      (error: unknown) => {
        assert.ok(error instanceof CountersignError);
        assert.equal(error.code, ErrorCode.ChannelKeyInvalid);
        assert.match(error.message, /COUNTERSIGN_CLI_PRIVATE_KEY/);
        assert.doesNotMatch(error.message, /not-hex-but-secret/);
        return true;
      },
    );
  });

  it('refuses to sign for a malformed action hash, naming the field', () => {
    const { privateKey } = generateKeyPair();
    assert.throws(
      () => signAttestation(privateKey, { ...subject, actionHash: 'short' }),
      (error: unknown) => {
        assert.ok(error instanceof CountersignError);
        assert.equal(error.code, ErrorCode.RequestInvalid);
        assert.match(error.message, /actionHash/);
        return true;
      },
    );
  });
});
