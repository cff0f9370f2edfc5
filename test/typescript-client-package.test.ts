import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createHarness, type Harness } from './support/harness.ts';
import { runCountersign } from './support/run-cli.ts';
import { runProcess } from './support/run-process.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const MARKER = '<!-- example: typescript-client -->';

// An agent's walk with the installed package: tier 1, tier 3 until published, a policy refusal.
const WALK = `import { connectCountersign, PolicyRefusalError } from '@countersign/client';
const countersign = await connectCountersign();
const ask = (taskId, action, resource) => countersign.startAction({ taskId, action, resource, draft: 'x', decision: { reasoning: 'walk', confidence: 0.95, risk: 'low' } });
const comment = await ask('walk-1', 'create_comment', 'github.com/acme/api/issues/1');
console.log(\`\${comment.kind} \${comment.tier}\`);
const merge = await ask('walk-3', 'merge_pull_request', 'github.com/acme/api/pull/3');
let view = await merge.status();
while (view.state !== 'awaiting_approval') view = await merge.waitForChange({ state: view.state, seconds: 20 });
console.log(\`awaiting \${merge.actionId} \${view.approval.quorum} of \${view.approval.approvers.join(',')}\`);
while (view.state !== 'published') view = await merge.waitForChange({ state: view.state, seconds: 20 });
console.log(\`published by \${view.approval.approvals.map((a) => a.approver).join(',')}\`);
try {
  await ask('walk-x', 'create_comment', 'github.com/SecureBananaLabs/bounties/issues/1');
} catch (error) {
  if (!(error instanceof PolicyRefusalError)) throw error;
  console.log(\`refused \${error.status} \${error.code} \${error.rule}\`);
}
`;

/** The README's TypeScript client example, exactly as printed. */
async function readmeExample(): Promise<string> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  assert.ok(at >= 0, `README.md has the marker ${MARKER} before the client example`);
  const block = /```(?:ts|typescript|js)\n([\s\S]*?)```/.exec(readme.slice(at));
  assert.ok(block?.[1], 'a code block follows the marker');
  return block[1];
}

// What an agent's developer does: build and pack the client, install it into a project of their
// own outside this repository, and run README's example under plain node with only the URL and key.
describe('the TypeScript client as an agent installs it', () => {
  let h: Harness;
  let project: string;
  let key: string;

  before(async () => {
    h = await createHarness(await readFile(path.join(ROOT, 'countersign.example.yaml'), 'utf8'), { gateway: true });
    assert.ok(h.gateway);
    key = await h.gateway.issueKey('bounty-hunter');
    project = await mkdtemp(path.join(os.tmpdir(), 'countersign-agent-'));
    const build = await runProcess(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'clients/typescript'], { cwd: ROOT });
    assert.equal(build.code, 0, build.out + build.err);
    const pack = await runProcess('npm', ['pack', path.join(ROOT, 'clients/typescript'), '--pack-destination', project, '--json'], { cwd: project });
    assert.equal(pack.code, 0, pack.err);
    const [tarball] = JSON.parse(pack.out) as Array<{ filename: string }>;
    assert.ok(tarball);
    await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'my-agent', private: true, type: 'module' }));
    const install = await runProcess('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', path.join(project, tarball.filename)], { cwd: project });
    assert.equal(install.code, 0, install.err);
    await writeFile(path.join(project, 'agent.mjs'), await readmeExample());
  });
  after(async () => {
    await rm(project, { recursive: true, force: true });
    await h.close();
  });

  it('installs as compiled JavaScript with types and no dependencies: no pg, no Temporal SDK, no policy code', async () => {
    const installed = JSON.parse(await readFile(path.join(project, 'node_modules/@countersign/client/package.json'), 'utf8')) as { dependencies?: object; exports: unknown };
    assert.equal(installed.dependencies, undefined);
    assert.deepEqual(await readdir(path.join(project, 'node_modules')), ['.package-lock.json', '@countersign']);
    const files = await readdir(path.join(project, 'node_modules/@countersign/client/dist'));
    assert.ok(files.includes('index.js') && files.includes('index.d.ts'), files.join(', '));
    assert.ok(!files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), 'no TypeScript sources to load');
  });

  it('runs README’s example as written under plain node: tier 2, governed, with nothing but the URL and the key', async () => {
    const env = { PATH: process.env.PATH ?? '', COUNTERSIGN_URL: h.gateway?.url ?? '', COUNTERSIGN_API_KEY: key };
    const result = await runProcess(process.execPath, ['agent.mjs'], { cwd: project, env });
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^tier 2 \(actions\.create_pull_request\.tier\): (started|staged|audited|publishing|published)\n$/);
    const { rows } = await h.db.pool.query<{ agent_id: string; idempotency_key: string }>("SELECT agent_id, idempotency_key FROM actions WHERE task_id = 'task-fix-issue-123'");
    assert.deepEqual(rows, [{ agent_id: 'bounty-hunter', idempotency_key: 'fix-issue-123-pr' }]);
  });

  it('walks tier 1, tier 3 approved with the CLI until published, and a policy refusal, under plain node', async () => {
    await writeFile(path.join(project, 'walk.mjs'), WALK);
    const env = { PATH: process.env.PATH ?? '', COUNTERSIGN_URL: h.gateway?.url ?? '', COUNTERSIGN_API_KEY: key };
    const child = spawn(process.execPath, ['walk.mjs'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const approved = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const id = /^awaiting (\S+) /m.exec(out)?.[1];
        if (id && !out.includes('(approving)')) {
          out += '(approving)\n';
          runCountersign(h, ['approve', id], { operator: 'alice' }).then((run) => (run.code === 0 ? resolve() : reject(new Error(run.err.join('\n')))), reject);
        }
      });
    });
    await approved;
    assert.equal(await exited, 0, err);
    assert.deepEqual(out.split('\n').filter(Boolean), [
      'allowed 1',
      `${out.match(/^awaiting \S+ 1 of alice,bob,carol$/m)?.[0] ?? 'awaiting …'}`,
      '(approving)',
      'published by alice',
      'refused 403 policy_resource_blacklisted blacklist.resources',
    ]);
  });

  it('catches a refusal as README shows: the code and what to do, exit 0, no stack trace', async () => {
    const env = { PATH: process.env.PATH ?? '', COUNTERSIGN_URL: h.gateway?.url ?? '', COUNTERSIGN_API_KEY: `csk_${'0'.repeat(12)}_${'0'.repeat(64)}` };
    const result = await runProcess(process.execPath, ['agent.mjs'], { cwd: project, env });
    assert.equal(result.code, 0);
    assert.match(result.err, /^refused: api_key_invalid: the agent key is not valid/);
    assert.doesNotMatch(result.err, /\n\s+at /);
  });
});
