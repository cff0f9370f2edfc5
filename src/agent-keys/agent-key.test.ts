import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateAgentKey, hashSecret, parseAgentKey, secretMatches } from './agent-key.ts';

describe('agent keys', () => {
  it('carries the csk_ prefix, a 12-digit key id and a 256-bit secret', () => {
    const made = generateAgentKey();
    assert.match(made.key, /^csk_[0-9a-f]{12}_[0-9a-f]{64}$/);
    const parsed = parseAgentKey(made.key);
    assert.equal(parsed?.keyId, made.keyId);
    assert.equal(hashSecret(parsed?.secret ?? ''), made.secretHash);
  });

  it('never makes the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateAgentKey().key));
    assert.equal(keys.size, 200);
  });

  it('parses nothing that is not exactly a key', () => {
    const { key } = generateAgentKey();
    for (const bad of ['', 'csk_', key.slice(0, -1), `${key}0`, key.toUpperCase(), ` ${key}`, key.replace('csk_', 'sk_')]) {
      assert.equal(parseAgentKey(bad), undefined, bad);
    }
  });

  it('matches the secret only against its own hash', () => {
    const a = generateAgentKey();
    const b = generateAgentKey();
    const secretOf = (key: string) => parseAgentKey(key)?.secret ?? '';
    assert.equal(secretMatches(secretOf(a.key), a.secretHash), true);
    assert.equal(secretMatches(secretOf(a.key), b.secretHash), false);
    assert.equal(secretMatches(secretOf(a.key), undefined), false);
  });
});
