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

  it('reports where located keywords start, every occurrence, and only whether the others occur', () => {
    const index = new KeywordIndex(['sk-', 'token', 'sk'], [true, true, false]);
    const { found, starts } = index.locate('SK-1 token=x sk-2 task');
    assert.deepEqual(found, [true, true, true]);
    assert.deepEqual(starts, [[0, 13], [5]]);
  });

  it('refuses a keyword it cannot index', () => {
    assert.throws(() => new KeywordIndex(['clé']), RangeError);
  });
});
