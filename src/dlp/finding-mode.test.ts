import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modeFor } from './finding-mode.ts';

describe('modeFor', () => {
  it("falls back to each type's own default when the policy names nothing", () => {
    const policy = { types: {} };
    assert.equal(modeFor('aws_secret_access_key', policy), 'block');
    assert.equal(modeFor('email', policy), 'redact');
    assert.equal(modeFor('ip_address', policy), 'warn');
    assert.equal(modeFor('payment_card', policy), 'block');
  });

  it('takes the type, then its groups, then the policy default', () => {
    assert.equal(modeFor('aws_access_key_id', { types: { aws_key: 'warn' } }), 'warn');
    assert.equal(modeFor('aws_access_key_id', { types: { aws_key: 'warn', aws_access_key_id: 'redact' } }), 'redact');
    assert.equal(modeFor('email', { types: { pii: 'warn' }, default: 'block' }), 'warn');
    assert.equal(modeFor('email', { types: {}, default: 'block' }), 'block');
    assert.equal(modeFor('jwt', { types: { secret: 'redact' } }), 'redact');
  });
});
