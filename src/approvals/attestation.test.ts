import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { ErrorCode } from '../errors/countersign-error.ts';
import { attestationMessage, verifyAttestation, type AttestationSubject, type VerifyAttestationInput } from './attestation.ts';
import { generateKeyPair } from './channel-keys.ts';
import type { Attestation } from './decision.ts';
import { signAttestation } from './sign-attestation.ts';

const slack = generateKeyPair();
const cli = generateKeyPair();
const intruder = generateKeyPair();

const HASH = '1a2b3c4d'.repeat(8);
const OTHER_HASH = '5e6f7a8b'.repeat(8);
const NOW = Date.parse('2025-06-01T12:00:00.000Z');
const TEN_MINUTES = 600_000;

const subject: AttestationSubject = {
  actionId: 'act-42',
  actionHash: HASH,
  approver: 'alice',
  decision: 'approve',
  channel: 'slack',
};

function signed(overrides: Partial<AttestationSubject> = {}, at = new Date(NOW - 5_000), key = slack.privateKey): Attestation {
  return signAttestation(key, { ...subject, ...overrides }, at);
}

function check(attestation: Attestation | undefined, overrides: Partial<VerifyAttestationInput> = {}) {
  return verifyAttestation({
    attestation,
    expected: subject,
    channelKeys: { slack: slack.publicKey, cli: cli.publicKey },
    nowMs: NOW,
    maxAgeMs: TEN_MINUTES,
    seenNonces: new Set(),
    ...overrides,
  });
}

function refusal(result: ReturnType<typeof verifyAttestation>): { code: string; reason: string } {
  assert.equal(result.ok, false, 'expected a refusal');
  if (result.ok) throw new Error('unreachable');
  return result;
}

describe('verifyAttestation', () => {
  it('accepts an approve signed by the channel it names, for this action version and person', () => {
    assert.deepEqual(check(signed()), { ok: true });
  });

  it('accepts a reject signed the same way', () => {
    const attestation = signed({ decision: 'reject' });
    assert.deepEqual(check(attestation, { expected: { ...subject, decision: 'reject' } }), { ok: true });
  });

  it('accepts one issued a little in the future, within the clock skew', () => {
    assert.deepEqual(check(signed({}, new Date(NOW + 30_000))), { ok: true });
  });

  it('refuses a decision without an attestation, as one typed into the Temporal UI', () => {
    const r = refusal(check(undefined));
    assert.equal(r.code, ErrorCode.AttestationMissing);
    assert.match(r.reason, /carries no attestation/);
    assert.match(r.reason, /Temporal UI/);
  });

  it('refuses a channel that has no public key for this action', () => {
    const attestation = signAttestation(intruder.privateKey, { ...subject, channel: 'email' }, new Date(NOW));
    const r = refusal(check(attestation, { expected: { ...subject, channel: 'email' } }));
    assert.equal(r.code, ErrorCode.ChannelUnknown);
    assert.match(r.reason, /no public key for the email channel/);
    assert.match(r.reason, /COUNTERSIGN_EMAIL_PUBLIC_KEY/);
  });

  it('refuses an approval signed for another version of the action', () => {
    const r = refusal(check(signed({ actionHash: OTHER_HASH })));
    assert.equal(r.code, ErrorCode.AttestationMismatch);
    assert.equal(
      r.reason,
      'this approval was signed for another version of the action (hash 5e6f7a8b…, the action is now 1a2b3c4d…); reopen the request and decide again',
    );
  });

  it('refuses an approval signed for another action', () => {
    const r = refusal(check(signed({ actionId: 'act-41' })));
    assert.equal(r.code, ErrorCode.AttestationMismatch);
    assert.match(r.reason, /another action \("act-41"\), not "act-42"/);
  });

  it('refuses an approval signed for another approver', () => {
    const r = refusal(check(signed({ approver: 'mallory' })));
    assert.equal(r.code, ErrorCode.AttestationMismatch);
    assert.match(r.reason, /signed for the person "mallory", but the decision names "alice"/);
  });

  it('refuses a reject attestation sent as an approve', () => {
    const r = refusal(check(signed({ decision: 'reject' })));
    assert.equal(r.code, ErrorCode.AttestationMismatch);
    assert.match(r.reason, /signed for "reject", but it was sent as "approve"/);
  });

  it('refuses an attestation of another channel than the decision names', () => {
    const r = refusal(check(signed({ channel: 'cli' }, new Date(NOW), cli.privateKey)));
    assert.equal(r.code, ErrorCode.AttestationMismatch);
    assert.match(r.reason, /signed by the "cli" channel, but the decision names the "slack" channel/);
  });

  it('refuses an attestation signed with another key than the channel\'s (a forgery)', () => {
    const r = refusal(check(signed({}, new Date(NOW), intruder.privateKey)));
    assert.equal(r.code, ErrorCode.AttestationInvalid);
    assert.match(r.reason, /not made with the slack channel's key/);
  });

  it('refuses an attestation whose fields were changed after signing', () => {
    const original = signed();
    for (const tampered of [
      { ...original, actionHash: OTHER_HASH },
      { ...original, nonce: original.nonce.replace(/.$/, (last) => (last === '0' ? '1' : '0')) },
      { ...original, issuedAt: new Date(NOW).toISOString() },
    ]) {
      const r = refusal(check(tampered, { expected: { ...subject, actionHash: tampered.actionHash } }));
      assert.equal(r.code, ErrorCode.AttestationInvalid);
      assert.match(r.reason, /a field was changed after signing/);
    }
  });

  it('refuses an attestation older than the allowed age', () => {
    const r = refusal(check(signed({}, new Date(NOW - TEN_MINUTES - 120_000))));
    assert.equal(r.code, ErrorCode.AttestationStale);
    assert.equal(r.reason, 'this approval was signed 12 minutes ago, and a signed decision is accepted for 10 minutes only; decide again');
  });

  it('refuses an attestation issued further in the future than the clock skew allows', () => {
    const r = refusal(check(signed({}, new Date(NOW + 5 * 60_000))));
    assert.equal(r.code, ErrorCode.AttestationStale);
    assert.match(r.reason, /dated 5 minutes in the future, more than the 60 seconds of clock difference allowed/);
  });

  it('refuses a replayed attestation', () => {
    const attestation = signed();
    const r = refusal(check(attestation, { seenNonces: new Set([attestation.nonce]) }));
    assert.equal(r.code, ErrorCode.AttestationReplayed);
    assert.match(r.reason, /already used for this action/);
  });

  it('refuses a signature that is not hex, or not 64 bytes, without throwing', () => {
    const attestation = signed();
    for (const signature of ['zz'.repeat(64), attestation.signature.slice(0, 126), `${attestation.signature}00`, '']) {
      const r = refusal(check({ ...attestation, signature }));
      assert.equal(r.code, ErrorCode.AttestationInvalid);
      assert.match(r.reason, /not 128 hex characters/);
    }
  });

  it('refuses a malformed configured public key without throwing', () => {
    const r = refusal(check(signed(), { channelKeys: { slack: 'not-a-key' } }));
    assert.equal(r.code, ErrorCode.AttestationInvalid);
    assert.match(r.reason, /COUNTERSIGN_SLACK_PUBLIC_KEY/);
  });

  it('never throws on input that skipped the schema', () => {
    const junk: unknown[] = [42, 'x', {}, { channel: '__proto__' }, { channel: 'slack' }, { ...signed(), issuedAt: 7, nonce: null }];
    for (const value of junk) {
      const result = check(value as Attestation);
      assert.equal(result.ok, false, `accepted ${JSON.stringify(value)}`);
    }
  });

  it('checks in the documented order: the channel key before a mismatch, a mismatch before the signature', () => {
    const forgedForOtherHash = signed({ actionHash: OTHER_HASH, channel: 'email' }, new Date(NOW), intruder.privateKey);
    assert.equal(refusal(check(forgedForOtherHash)).code, ErrorCode.ChannelUnknown);
    const forged = signed({ actionHash: OTHER_HASH }, new Date(NOW), intruder.privateKey);
    assert.equal(refusal(check(forged)).code, ErrorCode.AttestationMismatch);
    const staleAndReplayed = signed({}, new Date(NOW - 2 * TEN_MINUTES));
    assert.equal(refusal(check(staleAndReplayed, { seenNonces: new Set([staleAndReplayed.nonce]) })).code, ErrorCode.AttestationStale);
  });
});

describe('attestationMessage', () => {
  it('is the UTF-8 canonical JSON of exactly the signed fields', () => {
    const bytes = attestationMessage({
      nonce: '0123456789abcdef',
      issuedAt: '2025-06-01T12:00:00.000Z',
      channel: 'cli',
      decision: 'reject',
      approver: 'zoë',
      actionHash: HASH,
      actionId: 'act-1',
    });
    assert.equal(
      new TextDecoder().decode(bytes),
      `{"actionHash":"${HASH}","actionId":"act-1","approver":"zoë","channel":"cli","decision":"reject","issuedAt":"2025-06-01T12:00:00.000Z","nonce":"0123456789abcdef"}`,
    );
  });
});

describe('workflow sandbox safety', () => {
  it('keeps the verifying modules free of Node built-ins and Buffer', async () => {
    for (const file of ['attestation.ts', 'decision.ts', 'hex-bytes.ts', '../canonical/canonical-json.ts', '../errors/countersign-error.ts']) {
      const text = await readFile(new URL(file, import.meta.url), 'utf8');
      // Comments may explain why there is no Buffer; code may not use one.
      const source = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      assert.doesNotMatch(source, /from ['"]node:|require\(|\bBuffer\b/, `${file} must stay importable into workflow code`);
    }
  });
});
