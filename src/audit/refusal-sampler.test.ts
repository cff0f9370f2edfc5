import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RefusalSampler } from './refusal-sampler.ts';

describe('RefusalSampler', () => {
  it('audits the first refusal of a source per window and carries the count of the rest to the next', () => {
    let now = 0;
    const sampler = new RefusalSampler(60_000, () => now);
    const taken = Array.from({ length: 20 }, () => sampler.take('10.0.0.1'));
    assert.deepEqual(taken[0], { audit: true, suppressed: 0 });
    assert.equal(taken.filter((s) => s.audit).length, 1);
    assert.deepEqual(sampler.take('10.0.0.2'), { audit: true, suppressed: 0 }, 'each source has its own window');
    now = 60_000;
    assert.deepEqual(sampler.take('10.0.0.1'), { audit: true, suppressed: 19 });
    assert.deepEqual(sampler.take('10.0.0.1'), { audit: false });
  });

  it('stays bounded in memory however many sources refuse', () => {
    let now = 0;
    const sampler = new RefusalSampler(1_000, () => now);
    for (let i = 0; i < 25_000; i++) {
      now += 1;
      assert.equal(sampler.take(`source-${i}`).audit, true);
    }
    assert.ok(sampler.size <= 10_000, String(sampler.size));
  });
});
