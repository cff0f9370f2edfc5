import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { parseSince, wholeNumber } from './parse-since.ts';

describe('--since and whole-number options', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  it('reads a duration back from now, or a date', () => {
    assert.equal(parseSince('24h', now).toISOString(), '2026-11-21T12:00:00.000Z');
    assert.equal(parseSince('7d', now).toISOString(), '2026-11-15T12:00:00.000Z');
    assert.equal(parseSince('2026-11-01', now).toISOString(), '2026-11-01T00:00:00.000Z');
    assert.equal(parseSince('2026-11-01T08:30:00Z', now).toISOString(), '2026-11-01T08:30:00.000Z');
  });
  it('refuses anything else, saying what it expects', () => {
    for (const bad of ['yesterday', '24', '2026-13-45', '']) {
      assert.throws(() => parseSince(bad, now), (e: Error) => e instanceof InvalidArgumentError && /expected a duration like 24h/.test(e.message));
    }
  });
  it('takes whole numbers in range only', () => {
    assert.equal(wholeNumber(0, 4)('3'), 3);
    for (const bad of ['5', '-1', '2.5', 'two']) assert.throws(() => wholeNumber(0, 4)(bad), /expected a whole number from 0 to 4/);
  });
});
