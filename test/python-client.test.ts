import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from './support/harness.ts';
import { runProcess } from './support/run-process.ts';
import { testPolicy } from './support/test-policy.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PACKAGE = path.join(ROOT, 'clients', 'python');
/** The same venv .ci/run prepares; made here when missing or not holding this checkout's client. */
const VENV = path.join(ROOT, '.countersign', 'python-client-venv');
const PYTHON = path.join(VENV, 'bin', 'python');
/** Upper bound for the whole pytest run, so a stuck test fails instead of hanging `npm test`. */
const PYTEST_LIMIT_MS = 10 * 60_000;

// A tier-2 action whose rollback window outlasts the test, for the client's rollback.
const PUBLISH_NOTE = `
  repo.publish_note:
    tier: 2
    executor: { type: ledger, account: notes }
    rollback_window: 10m
`;

async function mustRun(command: string, args: readonly string[]): Promise<void> {
  const done = await runProcess(command, args);
  assert.equal(done.code, 0, `${command} ${args.join(' ')} failed:\n${done.out}${done.err}`);
}

/** A venv with pytest and this checkout's client (editable), made with python3 -m venv when missing. */
async function ensureVenv(): Promise<void> {
  const check = await runProcess(PYTHON, ['-c', 'import pytest, countersign_client; print(countersign_client.__file__)']).catch(() => undefined);
  if (check?.code === 0 && path.resolve(check.out.trim()).startsWith(PACKAGE + path.sep)) return;
  await mustRun('python3', ['-m', 'venv', '--clear', VENV]);
  await mustRun(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', 'pytest', '-e', PACKAGE]);
}

describe('the Python client (clients/python) against the real gateway', () => {
  let h: Harness;
  let cliDataDir: string;
  before(async () => {
    await ensureVenv();
    h = await createHarness(testPolicy({ rollbackWindow: '2s', extraActions: PUBLISH_NOTE }), { gateway: true });
    // An empty data folder: the CLI signs with the key given below, never with keys lying in .countersign.
    cliDataDir = await mkdtemp(path.join(os.tmpdir(), 'countersign-python-client-'));
  });
  after(async () => {
    await h.close();
    await rm(cliDataDir, { recursive: true, force: true });
  });

  it('passes its pytest suite: allowed, tier 3 approved by bob with the CLI, rollback, refusals, invalid requests, a bad key, the README wrapper', { timeout: PYTEST_LIMIT_MS }, async (t) => {
    assert.ok(h.gateway);
    const home = process.env.HOME === undefined ? {} : { HOME: process.env.HOME };
    const pathEnv = { PATH: process.env.PATH ?? '' };
    // The operator's side, for the tests to run when an approval is due: bob is a maintainer, not the agent's owner.
    const approve = {
      argv: [process.execPath, path.join(ROOT, 'bin', 'countersign.mjs'), 'approve'],
      cwd: ROOT,
      env: {
        ...pathEnv,
        ...home,
        DATABASE_URL: h.db.url,
        TEMPORAL_ADDRESS: h.temporal.address,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_TASK_QUEUE: h.taskQueue,
        COUNTERSIGN_CLI_PRIVATE_KEY: h.keys.cli.privateKey,
        COUNTERSIGN_OPERATOR: 'bob',
        COUNTERSIGN_DATA_DIR: cliDataDir,
        LOG_LEVEL: 'silent',
      },
    };
    // The agent's side holds only the gateway's URL and its key.
    const env = {
      ...pathEnv,
      ...home,
      PYTHONDONTWRITEBYTECODE: '1',
      COUNTERSIGN_URL: h.gateway.url,
      COUNTERSIGN_API_KEY: await h.gateway.issueKey('bot'),
      COUNTERSIGN_TEST_APPROVE: JSON.stringify(approve),
    };
    const run = await runProcess(PYTHON, ['-m', 'pytest', '-p', 'no:cacheprovider', '-ra', '--durations=5', 'tests'], { cwd: PACKAGE, env, signal: t.signal });
    const output = run.out + run.err;
    assert.equal(run.code, 0, `pytest failed:\n${output}`);
    assert.match(output, /\d+ passed/);
    assert.doesNotMatch(output, /skipped|xfail|warnings? summary/i, output);
    t.diagnostic(output.trim().split('\n').at(-1) ?? '');
  });
});
