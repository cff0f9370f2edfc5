import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../src/worker/create-worker.ts';
import { quietTemporalRuntime } from './support/quiet-runtime.ts';
import { BUNDLE_PATH } from './support/test-temporal.ts';

quietTemporalRuntime();
const FIXTURES = path.resolve('test/fixtures/histories');
const bundle = existsSync(BUNDLE_PATH) ? { workflowBundle: { codePath: BUNDLE_PATH } } : { workflowsPath: WORKFLOWS_PATH };

describe('determinism: recorded histories replay against the current workflow code', async () => {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.json')).sort();

  it('has a recorded history for every path: approve, reject, expire, remind and escalate, quorum, kill, rollback, CI, the governor', () => {
    assert.deepEqual(files, [
      'approved.json',
      'blocked-by-dlp.json',
      'ci-failed.json',
      'ci-timed-out.json',
      'escalated-reminded-expired.json',
      'expired.json',
      'governor-kill-and-resume.json',
      'killed-pending.json',
      'killed-with-rollback.json',
      'manual-rollback.json',
      'publish-failed.json',
      'published-window-closed.json',
      'quorum-of-two.json',
      'rejected.json',
    ]);
  });

  for (const file of files) {
    it(`replays ${file} without a nondeterminism error`, async () => {
      const history: unknown = JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8'));
      await Worker.runReplayHistory(bundle, history, `replay-${file}`);
    });
  }
});
