import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeywordIndex } from './keyword-index.ts';

describe('KeywordIndex', () => {
  it('finds every keyword that occurs, ignoring case, overlapping ones included', () => {
    const index = new KeywordIndex(['he', 'she', 'his', 'hers', 'akia']);
    assert.deepEqual(index.find('uSHErs'), [true, true, false, true, false]);
    assert.deepEqual(index.find('key AKIA…'), [false, false, false, false, true]);
    assert.deepEqual(index.find(''), [false, false, false, false, false]);
  });

  it('restarts matching after a character outside ASCII', () => {
    const index = new KeywordIndex(['ghp_']);
    assert.deepEqual(index.find('gh€p_'), [false]);
    assert.deepEqual(index.find('€ghp_'), [true]);
  });

  it('finds a keyword that is a suffix of a longer partial match (fail links)', () => {
    const index = new KeywordIndex(['abcd', 'bce']);
    assert.deepEqual(index.find('xabcex'), [false, true]);
  });

  it('refuses a keyword it cannot index', () => {
    assert.throws(() => new KeywordIndex(['clé']), RangeError);
  });
});
