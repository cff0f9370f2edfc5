import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { connectCountersign } from '../clients/typescript/src/index.ts';
import { readDemoKey } from '../src/start/demo-agent-key.ts';
import { createPool } from '../src/db/pool.ts';
import { embeddedDatabaseUrl } from '../src/config/service-addresses.ts';
import { findTemporalCli } from '../src/temporal/find-temporal-cli.ts';
import { DATA_DIR } from './support/test-temporal.ts';
import { freePort } from './support/ui-temporal.ts';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `npm start`'s entry point and waits until the worker polls. */
async function start(env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/start/main.ts'], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('worker polling task queue')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, exited };
}

async function stop(run: Run): Promise<number | null> {
  run.child.kill('SIGINT');
  return run.exited;
}

describe('npm start on embedded defaults', () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'countersign-start-'));
    const cli = await findTemporalCli({ configured: process.env.TEMPORAL_CLI, searchPath: process.env.PATH, dataDir: DATA_DIR });
    env = {
      COUNTERSIGN_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      COUNTERSIGN_HTTP_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      ...(cli.kind === 'path' ? { TEMPORAL_CLI: cli.path } : {}),
    };
    delete process.env.DATABASE_URL;
    delete process.env.TEMPORAL_ADDRESS;
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('brings up PostgreSQL, Temporal with its UI, migrations and the worker; Ctrl-C stops it; a second start finds the data', async () => {
    const first = await start(env);
    const out = first.output();
    assert.match(out, /policy countersign\.example\.yaml loaded \(version [0-9a-f]{16}\)/);
    assert.match(out, /PostgreSQL created in .*postgres/);
    assert.match(out, new RegExp(`Temporal Web UI: http://localhost:${env.TEMPORAL_UI_PORT}`));
    assert.match(out, /migrations applied: /);
    const ui = await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`);
    assert.equal(ui.status, 200);
    assert.match(out, new RegExp(`HTTP server: http://localhost:${env.COUNTERSIGN_HTTP_PORT} `));
    assert.match(out, new RegExp(`agent gateway: http://localhost:${env.COUNTERSIGN_HTTP_PORT}/v1 .*MCP: http://localhost:${env.COUNTERSIGN_HTTP_PORT}/mcp`));
    assert.match(out, /agent key for the demo agent bounty-hunter issued into .*agent-keys\/bounty-hunter\.key/);
    const keyFile = path.join(dataDir, 'agent-keys', 'bounty-hunter.key');
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600, 'the demo key is readable by its owner only');
    const health = await fetch(`http://127.0.0.1:${env.COUNTERSIGN_HTTP_PORT}/health`);
    assert.deepEqual([health.status, await health.json()], [200, { status: 'ok', checks: { postgres: 'ok', temporal: 'ok', worker: 'ok' } }]);

    // An agent uses it as README shows, with only the gateway's URL and its key: a tier-2 action
    // publishes through the running worker.
    const countersign = await connectCountersign({ url: `http://127.0.0.1:${env.COUNTERSIGN_HTTP_PORT}`, apiKey: await readDemoKey(dataDir) });
    const pool = createPool(embeddedDatabaseUrl(Number(env.EMBEDDED_PG_PORT)));
    let actionId: string;
    try {
      const started = await countersign.startAction({
        taskId: 'task-start',
        action: 'create_pull_request',
        resource: 'github.com/acme/api/pull/42',
        params: { title: 'x' },
        draft: 'Adds a guard clause.',
        decision: { reasoning: 'Fix the crash', confidence: 0.92, risk: 'low' },
      });
      actionId = started.actionId;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { rows } = await pool.query<{ state: string }>('SELECT state FROM actions WHERE action_id = $1', [actionId]);
        if (rows[0]?.state === 'published') break;
        assert.ok(Date.now() < deadline, `action did not publish: ${rows[0]?.state}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await pool.end();
      await countersign.close();
    }

    assert.equal(await stop(first), 0, first.output());
    assert.match(first.output(), /SIGINT: stopping[\s\S]*stopped/);

    const second = await start(env);
    try {
      assert.match(second.output(), /PostgreSQL started in/);
      assert.match(second.output(), /database schema is up to date/);
      assert.doesNotMatch(second.output(), /agent key for the demo agent/, 'the key is issued on the first run only');
      const pool2 = createPool(embeddedDatabaseUrl(Number(env.EMBEDDED_PG_PORT)));
      const connection2 = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_DEV_PORT}` });
      try {
        const { rows } = await pool2.query<{ state: string }>('SELECT state FROM actions WHERE action_id = $1', [actionId]);
        assert.equal(rows[0]?.state, 'published');
        const described = await new Client({ connection: connection2 }).workflow.getHandle(`action-${actionId}`).describe();
        assert.equal(described.status.name, 'RUNNING', 'the action waits in its rollback window across the restart');
      } finally {
        await pool2.end();
        await connection2.close();
      }
    } finally {
      assert.equal(await stop(second), 0, second.output());
    }
  });
});
