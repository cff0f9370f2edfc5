import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildProgram, runCli, type CliDeps } from '../src/cli/program.ts';
import { GOVERNOR_WORKFLOW_ID, governorStatusQuery } from '../workflows/messages.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { auditEvents, eventually, ledgerEntries } from './support/queries.ts';
import { request, testPolicy } from './support/test-policy.ts';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('the operator CLI', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    h = await createHarness(testPolicy({ rollbackWindow: '1s', approvalTimeout: '5m' }));
    dir = await mkdtemp(path.join(tmpdir(), 'countersign-cli-'));
  });
  after(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs `countersign ...args` as `operator`, capturing what it prints. */
  async function cli(args: string[], overrides: Partial<CliDeps> = {}): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const program = buildProgram({
      pool: h.db.pool,
      temporal: h.temporal.client,
      taskQueue: h.taskQueue,
      cliPrivateKey: h.keys.cli.privateKey,
      operator: 'bob',
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      ...overrides,
    });
    const code = await runCli(program, ['node', 'countersign', ...args]);
    return { code, out, err };
  }

  it('approves a tier-3 action as the CLI channel; the action publishes', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 1 } })));
    await awaitingApproval(action);
    const run = await cli(['approve', action.actionId, '--comment', 'lgtm']);
    assert.deepEqual(run, { code: 0, out: ['accepted, 1 of 1'], err: [] });
    assert.equal(await action.result(), 'published');
    assert.equal((await ledgerEntries(h.db.pool, action.actionId)).length, 1);
    const accepted = (await auditEvents(h.db.pool, action.actionId)).find((e) => e.type === 'approval_accepted');
    assert.equal(accepted?.actor, 'bob');
  });

  it('prints the refusal of a non-approver and exits 1; reject needs a reason; --json answers JSON', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 2 } })));
    await awaitingApproval(action);
    const refused = await cli(['approve', action.actionId], { operator: 'dave' });
    assert.equal(refused.code, 1);
    assert.equal(refused.err.length, 1);
    assert.match(refused.err[0] ?? '', /dave is not an approver/);
    const noReason = await cli(['reject', action.actionId]);
    assert.equal(noReason.code, 1);
    assert.match(noReason.err.join('\n'), /required option '--reason <text>'/);
    const rejected = await cli(['reject', action.actionId, '--reason', 'breaks the API', '--json']);
    assert.equal(rejected.code, 0);
    assert.deepEqual(JSON.parse(rejected.out[0] ?? '{}'), { accepted: true, decision: 'reject', approvals: 0, quorum: 1, message: 'rejected by bob' });
    assert.equal(await action.result(), 'rejected');
  });

  it('names the variable to set when the operator or the CLI key is missing', async () => {
    const noOperator = await cli(['approve', 'whatever'], { operator: undefined });
    assert.equal(noOperator.code, 1);
    assert.match(noOperator.err[0] ?? '', /COUNTERSIGN_OPERATOR/);
    const noKey = await cli(['resume'], { cliPrivateKey: undefined });
    assert.equal(noKey.code, 1);
    assert.match(noKey.err[0] ?? '', /COUNTERSIGN_CLI_PRIVATE_KEY/);
    const unknown = await cli(['approve', 'no-such-action']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err[0] ?? '', /no action no-such-action/);
  });

  it('kill <actionId> halts that action; it ends killed and is never published', async () => {
    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 3 } })));
    await awaitingApproval(action);
    const run = await cli(['kill', action.actionId, '--reason', 'wrong repository'], { operator: 'erin' });
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.equal(await action.result(), 'killed');
    assert.deepEqual(await ledgerEntries(h.db.pool, action.actionId), []);
    const ended = await cli(['kill', action.actionId, '--reason', 'again'], { operator: 'erin' });
    assert.equal(ended.code, 1);
    assert.match(ended.err[0] ?? '', /no running action/);
  });

  it('kill freezes Countersign; resume by a non-operator is refused, by erin it resumes', async () => {
    const killed = await cli(['kill', '--reason', 'drill'], { operator: 'erin' });
    assert.equal(killed.code, 0, killed.err.join('\n'));
    const frozen = await eventually(async () => {
      const status = await h.temporal.client.workflow.getHandle(GOVERNOR_WORKFLOW_ID).query(governorStatusQuery);
      return status.frozen ? status : undefined;
    });
    assert.equal(frozen.by, 'erin');
    assert.equal(frozen.reason, 'drill');
    const notOperator = await cli(['resume']);
    assert.equal(notOperator.code, 1);
    assert.match(notOperator.err[0] ?? '', /bob is not an operator/);
    const resumed = await cli(['resume'], { operator: 'erin' });
    assert.deepEqual(resumed, { code: 0, out: ['resumed'], err: [] });
    const again = await cli(['resume'], { operator: 'erin' });
    assert.equal(again.code, 1);
    assert.match(again.err[0] ?? '', /not frozen/);
  });

  it('policy check: a valid file, then a broken one listing the bad entry (exit 1)', async () => {
    const good = path.join(dir, 'good.yaml');
    await writeFile(good, testPolicy());
    const ok = await cli(['policy', 'check', good]);
    assert.equal(ok.code, 0, ok.err.join('\n'));
    assert.match(ok.out[0] ?? '', /^policy .*good\.yaml is valid \(version [0-9a-f]{16}\)$/);
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, (await readFile(good, 'utf8')).replace('merge_pull_request:\n    tier: 3', 'merge_pull_request:\n    tier: 3\n    quorum: two'));
    const bad = await cli(['policy', 'check', broken]);
    assert.equal(bad.code, 1);
    assert.match(bad.err[0] ?? '', /broken\.yaml is invalid/);
    assert.ok(bad.err.some((line) => /^\s+actions\.merge_pull_request\.quorum\b/.test(line)), bad.err.join('\n'));
    const missing = await cli(['policy', 'check', path.join(dir, 'absent.yaml')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err[0] ?? '', /does not exist/);
  });

  it('audit verify: ok, then exit 2 naming a row changed behind the trigger', async () => {
    const ok = await cli(['audit', 'verify']);
    assert.equal(ok.code, 0, ok.out.join('\n'));
    assert.match(ok.out[0] ?? '', /^audit chain ok: \d+ events$/);
    const { rows } = await h.db.pool.query<{ event_key: string }>('SELECT event_key FROM audit_events WHERE seq = 2');
    const eventKey = rows[0]?.event_key;
    assert.ok(eventKey);
    await h.db.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await h.db.pool.query("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2");
    const broken = await cli(['audit', 'verify']);
    assert.equal(broken.code, 2);
    assert.equal(broken.out[0], `audit chain broken at row 2 (${eventKey}): the row was changed: its fields do not match its content_hash`);
  });
});
