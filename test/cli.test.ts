import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadChannelKeys } from '../src/approvals/channel-keys.ts';
import type { CliDeps } from '../src/cli/program.ts';
import { GOVERNOR_WORKFLOW_ID, governorStatusQuery } from '../workflows/messages.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { auditEvents, eventually, ledgerEntries } from './support/queries.ts';
import { runCountersign, type CliRun } from './support/run-cli.ts';
import { request, testPolicy } from './support/test-policy.ts';

describe('the operator CLI', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    h = await createHarness(testPolicy({ rollbackWindow: '1s', approvalTimeout: '5m', ciTimeout: '1m' }));
    dir = await mkdtemp(path.join(tmpdir(), 'countersign-cli-'));
  });
  after(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs `countersign ...args` as bob unless told otherwise. */
  const cli = (args: string[], overrides: Partial<CliDeps> = {}): Promise<CliRun> => runCountersign(h, args, { operator: 'bob', ...overrides });

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

  it('actions list: newest first as a table, filtered, paged, and as JSON; a bad filter is one line and exit 1', async () => {
    const agent = 'narrow-bot';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await h.startAction(request({ agentId: agent, action: 'read_repository', resource: `github.com/acme/api/files/${i}` }))).actionId);
    const all = await cli(['actions', 'list', '--agent', agent]);
    assert.equal(all.code, 0, all.err.join('\n'));
    assert.match(all.out[0] ?? '', /^ACTION ID\s+CREATED\s+AGENT\s+ACTION\s+RESOURCE\s+TIER\s+STATE$/);
    assert.deepEqual(all.out.slice(1, 4).map((line) => line.split(/\s+/)[0]), [...ids].reverse());
    assert.match(all.out[1] ?? '', new RegExp(`${ids[2]}\\s+\\S+ \\S+Z\\s+narrow-bot\\s+read_repository\\s+github.com/acme/api/files/2\\s+0\\s+allowed$`));
    assert.equal(all.out.at(-1), '1–3 of 3');

    const paged = await cli(['actions', 'list', '--agent', agent, '--limit', '2', '--page', '2']);
    assert.deepEqual(paged.out.slice(1), [paged.out[1], '3–3 of 3']);
    assert.ok(paged.out[1]?.startsWith(ids[0] ?? '?'));
    const first = await cli(['actions', 'list', '--agent', agent, '--limit', '2']);
    assert.equal(first.out.at(-1), '1–2 of 3; next page: --page 2');

    const json = await cli(['actions', 'list', '--agent', agent, '--state', 'allowed', '--tier', '0', '--since', '1h', '--json']);
    const page = JSON.parse(json.out[0] ?? '{}') as { total: number; actions: Array<{ actionId: string; state: string }> };
    assert.equal(page.total, 3);
    assert.deepEqual(page.actions.map((a) => a.actionId), [...ids].reverse());
    const none = await cli(['actions', 'list', '--agent', agent, '--state', 'published']);
    assert.deepEqual(none.out, ['no actions match']);
    const future = await cli(['actions', 'list', '--agent', agent, '--since', '2999-01-01']);
    assert.deepEqual(future.out, ['no actions match']);

    const badTier = await cli(['actions', 'list', '--tier', '9']);
    assert.equal(badTier.code, 1);
    assert.match(badTier.err[0] ?? '', /option '--tier <n>' argument '9' is invalid\. expected a whole number from 0 to 4/);
    const badSince = await cli(['actions', 'list', '--since', 'yesterday']);
    assert.equal(badSince.code, 1);
    assert.match(badSince.err[0] ?? '', /expected a duration like 24h or 7d, or a date like 2026-11-01, got "yesterday"/);
  });

  it('actions show: request, tier and rule, DLP findings, approvals, receipt and window, each with its time', async () => {
    const action = governed(
      await h.startAction(request({ action: 'merge_pull_request', params: { pr: 9 }, draft: 'Merging; questions to jane.doe@acme-corp.io' })),
    );
    await awaitingApproval(action);
    assert.equal((await cli(['approve', action.actionId, '--comment', 'ship it'])).code, 0);
    assert.equal(await action.result(), 'published');
    const run = await cli(['actions', 'show', action.actionId]);
    assert.equal(run.code, 0, run.err.join('\n'));
    const text = run.out.join('\n');
    assert.match(text, new RegExp(`^${action.actionId}: merge_pull_request on github.com/acme/api/pull/42`));
    assert.match(text, /state\s+published/);
    assert.match(text, /agent\s+bot, task task-fix-issue-123/);
    assert.match(text, /tier\s+3, set by actions\.merge_pull_request/);
    assert.match(text, /agent's reasoning: "Fixed the null pointer exception by adding a guard clause" \(confidence 0\.92, risk low\)/);
    assert.match(text, new RegExp(`workflow action-${action.actionId}: http://ui\\.test/namespaces/default/workflows/action-${action.actionId}`));
    const event = (type: string) => run.out.find((line) => new RegExp(`^\\S+ \\S+Z\\s+${type}\\s`).test(line)) ?? `(no ${type} line)`;
    assert.match(event('audited'), /DLP redact: email in draft \[redact\]/);
    assert.match(event('approval_requested'), /1 of alice, bob, carol by \d{4}-/);
    assert.match(event('approval_accepted'), /\s+bob\s+via cli, 1 of 1: "ship it"$/);
    assert.match(event('published'), /ledger \S+; rollback window until \d{4}-/);
    assert.match(event('window_closed'), /countersign/);
    assert.ok(!text.includes('jane.doe@acme-corp.io'), 'the draft never reaches the terminal');

    const json = JSON.parse((await cli(['actions', 'show', action.actionId, '--json'])).out[0] ?? '{}') as {
      state: string;
      outcome: string;
      approval: { approvals: Array<{ approver: string }> };
      request: Record<string, unknown>;
      events: Array<{ type: string }>;
    };
    // The same shape and names as the agent API's GET /v1/actions/{id}, plus the request and the trail.
    assert.deepEqual([json.state, json.outcome, json.approval.approvals.map((a) => a.approver)], ['published', 'published', ['bob']]);
    assert.equal(json.request.draft, undefined);
    // What DLP found is kept only redacted, in the stored request too.
    assert.equal(json.request.draftLength, 'Merging; questions to [REDACTED:email]'.length);
    assert.ok(json.events.some((e) => e.type === 'approval_accepted'));
    const missing = await cli(['actions', 'show', 'no-such-action']);
    assert.deepEqual([missing.code, missing.err], [1, ['no action no-such-action; list them with: countersign actions list']]);
  });

  it('rollback <id> inside the window rolls back; again, or for a tier-1 action, it is refused in one line', async () => {
    const action = governed(await h.startAction(request({ action: 'open_pr_with_ci', params: { amount: 5 } })));
    await eventually(async () => ((await cli(['actions', 'show', action.actionId, '--json'])).out[0]?.includes('"state":"published"') ? true : undefined));
    const run = await cli(['rollback', action.actionId, '--reason', 'wrong base branch'], { operator: 'erin' });
    assert.deepEqual(run, { code: 0, out: [`rollback of ${action.actionId} sent by erin; follow it with: countersign actions show ${action.actionId}`], err: [] });
    assert.equal(await action.result(), 'rolled_back');
    const shown = (await cli(['actions', 'show', action.actionId])).out;
    assert.ok(shown.some((line) => /rollback_requested\s+erin\s+wrong base branch$/.test(line)), shown.join('\n'));
    assert.ok(shown.some((line) => /rolled_back\s+erin\s+cause manual: wrong base branch/.test(line)), shown.join('\n'));

    const again = await cli(['rollback', action.actionId, '--reason', 'again'], { operator: 'erin' });
    assert.deepEqual([again.code, again.err], [1, [`action ${action.actionId} is rolled_back; there is nothing left to roll back`]]);
    const comment = await h.startAction(request({ action: 'create_comment' }));
    const tier1 = await cli(['rollback', comment.actionId, '--reason', 'x'], { operator: 'erin' });
    assert.equal(tier1.code, 1);
    assert.match(tier1.err[0] ?? '', /is tier 1: Countersign did not publish it, so it has no rollback/);
    const noReason = await cli(['rollback', comment.actionId]);
    assert.match(noReason.err[0] ?? '', /required option '--reason <text>'/);
  });

  it('status: the freeze, counts per state and pending approvals soonest deadline first', async () => {
    const pending = governed(await h.startAction(request({ action: 'delete_branch', resource: 'github.com/acme/api/branches/old' })));
    await awaitingApproval(pending);
    const run = await cli(['status']);
    assert.equal(run.code, 0, run.err.join('\n'));
    assert.equal(run.out[0], 'not frozen: agents may act');
    assert.match(run.out[1] ?? '', /^actions: .*awaiting_approval \d+/);
    const row = run.out.find((line) => line.startsWith(pending.actionId)) ?? '';
    assert.match(row, /bot\s+delete_branch\s+github\.com\/acme\/api\/branches\/old\s+4\s+0 of 2\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    const json = JSON.parse((await cli(['status', '--json'])).out[0] ?? '{}') as { freeze: { frozen: boolean }; counts: Record<string, number>; pending: Array<{ actionId: string; quorum: number }> };
    assert.equal(json.freeze.frozen, false);
    assert.ok((json.counts.awaiting_approval ?? 0) >= 1);
    assert.equal(json.pending.find((p) => p.actionId === pending.actionId)?.quorum, 2);
    await cli(['kill', pending.actionId, '--reason', 'cleanup'], { operator: 'erin' });
    assert.equal(await pending.result(), 'killed');
  });

  it('audit export --since prints JSON Lines in chain order that match the table', async () => {
    const run = await cli(['audit', 'export', '--since', '1h']);
    assert.equal(run.code, 0, run.err.join('\n'));
    const events = run.out.map((line) => JSON.parse(line) as { seq: string; hash: string; prev_hash: string; type: string });
    const { rows } = await h.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE occurred_at >= now() - interval '1 hour'");
    assert.equal(events.length, Number(rows[0]?.n));
    for (let i = 1; i < events.length; i++) assert.equal(events[i]?.prev_hash, events[i - 1]?.hash, `row ${events[i]?.seq} links to the one before`);
    const none = await cli(['audit', 'export', '--since', '2999-01-01']);
    assert.deepEqual(none, { code: 0, out: [], err: [] });
    const missing = await cli(['audit', 'export']);
    assert.match(missing.err[0] ?? '', /required option '--since <when>'/);
  });

  it('keys generate prints a pair per channel as .env lines that Countersign loads', async () => {
    const run = await cli(['keys', 'generate']);
    assert.equal(run.code, 0);
    const env = Object.fromEntries(run.out.filter((line) => !line.startsWith('#')).map((line) => line.split('=') as [string, string]));
    assert.deepEqual(Object.keys(env).sort(), ['CLI', 'EMAIL', 'HTTP', 'SLACK'].flatMap((c) => [`COUNTERSIGN_${c}_PRIVATE_KEY`, `COUNTERSIGN_${c}_PUBLIC_KEY`]).sort());
    const keys = await loadChannelKeys({ env, keysDir: path.join(dir, 'no-keys-here'), generate: false });
    assert.equal(keys.public.slack, env.COUNTERSIGN_SLACK_PUBLIC_KEY);
    assert.equal(keys.private.cli, env.COUNTERSIGN_CLI_PRIVATE_KEY);
    const again = await cli(['keys', 'generate', '--json']);
    assert.notEqual((JSON.parse(again.out[0] ?? '{}') as Record<string, { privateKey: string }>).cli?.privateKey, env.COUNTERSIGN_CLI_PRIVATE_KEY, 'fresh keys each time');
  });

  it('agents key create prints a key once, at most two live per agent; list shows no secret; revoke is audited', async () => {
    const made = await cli(['agents', 'key', 'create', 'narrow-bot', '--json'], { operator: 'erin' });
    assert.equal(made.code, 0, made.err.join('\n'));
    const first = JSON.parse(made.out[0] ?? '{}') as { agentId: string; keyId: string; key: string };
    assert.equal(first.agentId, 'narrow-bot');
    assert.match(first.key, new RegExp(`^csk_${first.keyId}_[0-9a-f]{64}$`));
    const plain = await cli(['agents', 'key', 'create', 'narrow-bot'], { operator: 'erin' });
    assert.match(plain.out[0] ?? '', /^csk_[0-9a-f]{12}_[0-9a-f]{64}$/);
    assert.match(plain.err[0] ?? '', /shown this once; give it to the agent as COUNTERSIGN_API_KEY/);
    const third = await cli(['agents', 'key', 'create', 'narrow-bot'], { operator: 'erin' });
    assert.equal(third.code, 1);
    assert.match(third.err[0] ?? '', /agent narrow-bot already has 2 live keys .*; revoke one first: countersign agents key revoke <keyId>/);
    const unknown = await cli(['agents', 'key', 'create', 'ghost'], { operator: 'erin' });
    assert.deepEqual([unknown.code, unknown.err[0]], [1, 'agent "ghost" is not in the policy; add it under agents: first (the policy decides what it may ask for)']);

    const listed = await cli(['agents', 'key', 'list', 'narrow-bot', '--json']);
    const keys = (JSON.parse(listed.out[0] ?? '{}') as { keys: Array<{ keyId: string; revokedAt: string | null; createdBy: string }> }).keys;
    assert.equal(keys.length, 2);
    assert.ok(keys.every((k) => k.createdBy === 'erin' && k.revokedAt === null));
    assert.ok(!listed.out.join('').includes(first.key.slice(17)), 'no secret is listed');

    const revoked = await cli(['agents', 'key', 'revoke', first.keyId], { operator: 'erin' });
    assert.match(revoked.out[0] ?? '', new RegExp(`^key ${first.keyId} of agent narrow-bot revoked at .*; the gateway refuses it from now on$`));
    const table = (await cli(['agents', 'key', 'list', 'narrow-bot'])).out.join('\n');
    assert.match(table, new RegExp(`${first.keyId}\\s+narrow-bot\\s+\\S+\\s+erin\\s+revoked .* by erin`));
    assert.equal((await cli(['agents', 'key', 'create', 'narrow-bot'], { operator: 'erin' })).code, 0, 'a revoked key frees its place');
    const missing = await cli(['agents', 'key', 'revoke', '000000000000']);
    assert.deepEqual([missing.code, missing.err[0]], [1, 'no agent key 000000000000; list them with: countersign agents key list']);
    const { rows } = await h.db.pool.query<{ type: string; actor: string; payload: { keyId: string } }>(
      "SELECT type, actor, payload FROM audit_events WHERE type LIKE 'agent_key_%' AND payload->>'keyId' = $1 ORDER BY seq",
      [first.keyId],
    );
    assert.deepEqual(rows.map((r) => [r.type, r.actor]), [['agent_key_created', 'erin'], ['agent_key_revoked', 'erin']]);
  });
});
