import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowingEntry } from './allowlist.ts';

const finding = { ruleId: 'email', type: 'email', valueHash: 'a'.repeat(64) };

describe('allowingEntry', () => {
  it('matches by rule, by type or group, by value hash and by resource glob', () => {
    assert.equal(allowingEntry(finding, undefined, [{ rule: 'aws-access-key-id' }, { rule: 'email' }]), 1);
    assert.equal(allowingEntry(finding, undefined, [{ type: 'pii' }]), 0);
    assert.equal(allowingEntry(finding, undefined, [{ valueSha256: 'a'.repeat(64) }]), 0);
    assert.equal(allowingEntry(finding, 'github.com/acme/docs/pull/3', [{ resource: 'github.com/acme/docs/**' }]), 0);
  });

  it('needs every condition of an entry to hold', () => {
    const entry = { rule: 'email', resource: 'github.com/acme/docs/**' };
    assert.equal(allowingEntry(finding, 'github.com/acme/docs/pull/3', [entry]), 0);
    assert.equal(allowingEntry(finding, 'github.com/acme/api/pull/3', [entry]), undefined);
    assert.equal(allowingEntry(finding, undefined, [entry]), undefined);
    assert.equal(allowingEntry(finding, undefined, [{ valueSha256: 'b'.repeat(64) }]), undefined);
  });

  it('never lets an empty entry allow everything, and matches resources case-sensitively', () => {
    assert.equal(allowingEntry(finding, 'x', [{}]), undefined);
    assert.equal(allowingEntry(finding, 'github.com/ACME/docs/x', [{ resource: 'github.com/acme/docs/**' }]), undefined);
  });
});
