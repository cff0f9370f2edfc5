import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CSRF_MAX_AGE_MS, csrfKey, signCsrf, verifyCsrf } from './csrf-token.ts';

const key = csrfKey('ab'.repeat(32));
const hash = 'c'.repeat(64);
const issued = 1_700_000_000_000;
const csrf = signCsrf(key, hash, 'approve', issued);

describe('the confirmation form CSRF token', () => {
  it('verifies for the link, decision and time it was made for, within its age', () => {
    assert.equal(verifyCsrf(key, hash, 'approve', String(issued), csrf, issued + 1_000), true);
  });

  it('refuses another link, another decision, another key, a changed time, an old page and junk', () => {
    assert.equal(verifyCsrf(key, 'd'.repeat(64), 'approve', String(issued), csrf, issued), false);
    assert.equal(verifyCsrf(key, hash, 'reject', String(issued), csrf, issued), false);
    assert.equal(verifyCsrf(csrfKey('cd'.repeat(32)), hash, 'approve', String(issued), csrf, issued), false);
    assert.equal(verifyCsrf(key, hash, 'approve', String(issued + 1), csrf, issued), false);
    assert.equal(verifyCsrf(key, hash, 'approve', String(issued), csrf, issued + CSRF_MAX_AGE_MS + 1), false);
    assert.equal(verifyCsrf(key, hash, 'approve', 'soon', csrf, issued), false);
    assert.equal(verifyCsrf(key, hash, 'approve', String(issued), 'zz', issued), false);
  });
});
