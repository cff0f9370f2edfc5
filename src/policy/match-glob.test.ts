import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstMatchingGlob, matchesGlob } from './match-glob.ts';

describe('matchesGlob', () => {
  it('matches action names exactly or by glob', () => {
    assert.equal(matchesGlob('create_comment', 'create_comment'), true);
    assert.equal(matchesGlob('*_pull_request', 'merge_pull_request'), true);
    assert.equal(matchesGlob('*_pull_request', 'merge_pull_request_now'), false);
    assert.equal(matchesGlob('repo.*', 'repo.delete'), true);
    assert.equal(matchesGlob('*', 'repo.delete'), true);
  });

  it('keeps * within one path segment and lets ** cross segments', () => {
    assert.equal(matchesGlob('github.com/acme/*', 'github.com/acme/api'), true);
    assert.equal(matchesGlob('github.com/acme/*', 'github.com/acme/api/pull/1'), false);
    assert.equal(matchesGlob('github.com/acme/**', 'github.com/acme/api/pull/1'), true);
    assert.equal(matchesGlob('github.com/acme/**', 'github.com/acme'), true);
    assert.equal(matchesGlob('github.com/acme/**', 'github.com/acmecorp/api'), false);
  });

  it('matches segments that start with a dot', () => {
    assert.equal(matchesGlob('github.com/acme/*/**', 'github.com/acme/.github/workflows/ci.yml'), true);
  });

  it('is case-sensitive unless asked to ignore case', () => {
    assert.equal(matchesGlob('github.com/Acme/**', 'github.com/acme/api'), false);
    assert.equal(matchesGlob('github.com/Acme/**', 'github.com/acme/api', { ignoreCase: true }), true);
  });
});

describe('firstMatchingGlob', () => {
  it('returns the first pattern that matches, for messages', () => {
    assert.equal(firstMatchingGlob(['a_*', 'b_*', 'b_c'], 'b_c'), 'b_*');
    assert.equal(firstMatchingGlob(['a_*'], 'b_c'), undefined);
  });
});
