import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from './redact.ts';
import { scan } from './scan.ts';

describe('redact', () => {
  it('replaces exactly the secret and keeps the key', () => {
    const text = 'password=hunter2real! and more';
    assert.equal(redact(text, scan(text)), 'password=[REDACTED:password] and more');
  });

  it('replaces every finding and leaves the text between them', () => {
    const text = 'mail bob@corp.io, key AKIAABCDEFGHIJKLMNOP.';
    assert.equal(redact(text, scan(text)), 'mail [REDACTED:email], key [REDACTED:aws_access_key_id].');
  });

  it('leaves text without findings unchanged', () => {
    assert.equal(redact('nothing here', []), 'nothing here');
  });

  it('is stable: a redacted text scans clean', () => {
    const text = 'api_key: "Zq8vR2mN4pL7sT1wX9yB3cD5"\npassword=hunter2real!';
    assert.deepEqual(scan(redact(text, scan(text))), []);
  });

  it('accepts findings in any order and covers overlapping ones once', () => {
    const spans = [
      { type: 'b', start: 6, end: 9 },
      { type: 'a', start: 0, end: 3 },
      { type: 'c', start: 7, end: 8 },
    ];
    assert.equal(redact('012345678', spans), '[REDACTED:a]345[REDACTED:b]');
  });

  it('refuses a finding outside the text', () => {
    assert.throws(() => redact('short', [{ type: 'email', start: 2, end: 40 }]), RangeError);
  });
});
