import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it('writes milliseconds back in the largest exact unit of the policy file', () => {
    assert.equal(formatDuration(3_600_000), '1h');
    assert.equal(formatDuration(86_400_000), '1d');
    assert.equal(formatDuration(90 * 60_000), '90m');
    assert.equal(formatDuration(30_000), '30s');
    assert.equal(formatDuration(1_500), '1500ms');
  });
});
