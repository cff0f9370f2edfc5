import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { Client, type WorkflowClientInterceptor } from '@temporalio/client';
import { pino } from 'pino';
import { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import { createRequestRollback } from '../src/requests/request-rollback.ts';
import { ActionId, CONFIRMED, ViewId } from '../slack-app/blocks/action-ids.ts';
import { EVENTS_PATH, startSlackApp, type RunningSlackApp } from '../slack-app/create-slack-app.ts';
import { activityAttempt } from '../slack-app/notifier/activity-attempt.ts';
import { createSlackNotifier } from '../slack-app/notifier/slack-notifier.ts';
import { createSlackWebClient } from '../slack-app/slack-web-client.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { startSmtpInbox, type SmtpInbox } from './support/smtp-inbox.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { startLoopbackHttp } from './support/loopback-http.ts';
import { actionRow, auditEvents, eventually } from './support/queries.ts';
import { buttonClick, postSigned, slashCommand, viewSubmission, type AppAnswer } from './support/slack-requests.ts';
import { startSlackStandIn, type SlackCall, type SlackStandIn } from './support/slack-stand-in.ts';
import { request, testPolicy } from './support/test-policy.ts';
import { ciResultSignal } from '../workflows/messages.ts';

const SIGNING_SECRET = 'test-signing-secret-0123456789';
const CHANNEL = 'C0APPROVALS';
const USERS = { alice: 'U0ALICE01', bob: 'U0BOB0001', carol: 'U0CAROL01', dave: 'U0DAVE001', erin: 'U0ERIN001', stranger: 'U0NOBODY1' };

// Actions that notify Slack; `repo.*` is in the test agent's manifest.
const SLACK_ACTIONS = `
  repo.merge:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    rollback_window: 30s
    notify: [slack]
  repo.merge_quickly:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    approval_timeout: 2s
    notify: [slack]
  repo.merge_with_ci:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    rollback_window: 2s
    ci: { timeout: 30s }
    notify: [slack]
  repo.delete_branch:
    tier: 4
    executor: { type: ledger, account: branches }
    approvers: [maintainers]
    quorum: 2
    rollback_window: 30s
    notify: [slack]
  repo.merge_fragile:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    notify: [slack]
    escalate: { to: [webhook, email] }
`;

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** eventually, for checks that need no await. */
const soon = <T>(check: () => T | undefined, timeoutMs?: number): Promise<T> => eventually(() => Promise.resolve(check()), timeoutMs);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const blocksOf = (call: SlackCall): string => JSON.stringify(call.args.blocks ?? []);
const buttonsOf = (call: SlackCall): string[] =>
  ((call.args.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id?: string }> }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));
const headerOf = (call: SlackCall): string => ((call.args.blocks ?? []) as Array<{ type: string; text?: { text: string } }>).find((b) => b.type === 'header')?.text?.text ?? '';

describe('Slack app: approvals, rollback and kill from Slack, messages that stay true', () => {
  let h: Harness;
  let slack: SlackStandIn;
  let hook: Awaited<ReturnType<typeof startLoopbackHttp>>;
  let app: RunningSlackApp;
  let inbox: SmtpInbox;
  let url: string;
  const logged = capture();
  /** Every call the Slack app made to Temporal. */
  const temporalCalls: string[] = [];

  before(async () => {
    slack = await startSlackStandIn();
    hook = await startLoopbackHttp(() => ({ status: 204 }));
    inbox = await startSmtpInbox();
    const policyYaml = testPolicy({
      webhookUrl: `${hook.base}/countersign`,
      slack: `{ channel: ${CHANNEL}, attempts: 2 }`,
      slackIds: { carol: USERS.carol, dave: USERS.dave, erin: USERS.erin },
      extraActions: SLACK_ACTIONS,
    });
    const quiet = pino({ level: 'silent' });
    h = await createHarness(policyYaml, {
      env: { HOOK_TOKEN: 'hook-secret' },
      email: { smtpUrl: inbox.url },
      slackNotifier: (pool, policy) => {
        const spec = policy.policy.notifiers.slack;
        assert.ok(spec, 'the test policy declares notifiers.slack');
        return createSlackNotifier({
          spec,
          client: createSlackWebClient({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }, quiet),
          pool,
          people: policy.policy.people,
          log: quiet,
          now: () => new Date(),
          attempt: activityAttempt,
        });
      },
    });
    const counting: WorkflowClientInterceptor = {
      query: (input, next) => {
        temporalCalls.push(`query ${input.queryType}`);
        return next(input);
      },
      signal: (input, next) => {
        temporalCalls.push(`signal ${input.signalName}`);
        return next(input);
      },
      startUpdate: (input, next) => {
        temporalCalls.push(`update ${input.updateName}`);
        return next(input);
      },
    };
    const temporal = new Client({ connection: h.temporal.client.connection, namespace: 'default', interceptors: { workflow: [counting] } });
    app = await startSlackApp(
      { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl, port: 0, host: '127.0.0.1' },
      {
        pool: h.db.pool,
        temporal,
        people: h.policy.policy.people,
        operators: h.policy.policy.operators,
        policyVersion: h.policy.version,
        privateKey: h.keys.slack.privateKey,
        submit: createSubmitDecision({ pool: h.db.pool, temporal }),
        requestRollback: createRequestRollback({ pool: h.db.pool, temporal }),
        log: logged.log,
        now: () => new Date(),
      },
    );
    url = `http://127.0.0.1:${app.port}${EVENTS_PATH}`;
  });
  after(async () => {
    await app.stop();
    await h.close();
    await hook.close();
    await inbox.close();
    await slack.close();
  });

  /** Posts a signed request and checks Slack's 3-second rule. */
  async function send(body: string): Promise<AppAnswer> {
    const answer = await postSigned(url, SIGNING_SECRET, body);
    assert.ok(answer.ms < 3_000, `acknowledged in ${answer.ms} ms`);
    return answer;
  }

  async function startPending(action: string, resource = 'github.com/acme/api/pull/42', draft?: string) {
    const started = governed(await h.startAction(request({ action, resource, params: { pr: resource }, ...(draft ? { draft } : {}) })));
    await awaitingApproval(started);
    const message = await soon(() => slack.callsOf('chat.postMessage').find((c) => blocksOf(c).includes(`"value":"${started.actionId}"`)));
    return { started, actionId: started.actionId, ts: str(message.args.ts), message, channel: String(message.args.channel) };
  }

  /** The message's ts as chat.postMessage answered it (the stand-in numbers them). */
  async function postedTs(actionId: string): Promise<string> {
    const { rows } = await h.db.pool.query<{ ts: string }>('SELECT ts FROM slack_messages WHERE action_id = $1', [actionId]);
    assert.ok(rows[0], `a slack_messages row for ${actionId}`);
    return rows[0].ts;
  }

  async function update(actionId: string, check: (call: SlackCall) => boolean): Promise<SlackCall> {
    const ts = await postedTs(actionId);
    return soon(() => slack.callsOf('chat.update').filter((c) => c.args.ts === ts && c.args.channel === CHANNEL).reverse().find(check));
  }

  async function ephemeral(user: string, after: number): Promise<string> {
    const call = await soon(() => slack.callsOf('chat.postEphemeral').filter((c) => c.args.user === user)[after]);
    return String(call.args.text);
  }

  const ephemeralCount = (user: string) => slack.callsOf('chat.postEphemeral').filter((c) => c.args.user === user).length;

  async function click(user: string, actionId: string, button: string): Promise<AppAnswer> {
    return send(buttonClick({ user, actionId: button, value: actionId, channel: CHANNEL, ts: await postedTs(actionId).catch(() => '1.0') }));
  }

  async function openedModal(user: string, callbackId: string, before: number) {
    const call = await soon(() => slack.callsOf('views.open').filter((c) => (c.args.view as { callback_id?: string }).callback_id === callbackId)[before]);
    assert.match(String(call.args.trigger_id), new RegExp(`^trigger-${user}-`));
    return call.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
  }

  const modalsOpened = (callbackId: string) => slack.callsOf('views.open').filter((c) => (c.args.view as { callback_id?: string }).callback_id === callbackId).length;

  it("answers GET /health beside Slack's path, for the container's health check", async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/health`);
    assert.deepEqual([response.status, await response.json()], [200, { status: 'ok', checks: { postgres: 'ok', temporal: 'ok' } }]);
  });

  it('posts the approval message with what a person needs, and an approve click publishes and updates it', async () => {
    const { actionId, message, channel } = await startPending('repo.merge', 'github.com/acme/api/pull/7', 'Merged; tell ops@acme.io when done.');
    assert.equal(channel, CHANNEL);
    assert.equal(message.args.text, 'Approval needed: repo.merge on github.com/acme/api/pull/7 by bot (tier 3)');
    assert.equal(headerOf(message), 'Approval needed: repo.merge');
    const blocks = blocksOf(message);
    const hash = (await h.db.pool.query<{ action_hash: string }>('SELECT action_hash FROM actions WHERE action_id = $1', [actionId])).rows[0]?.action_hash;
    for (const fact of [
      '`bot` (task `task-fix-issue-123`)',
      '`repo.merge`',
      'github.com/acme/api/pull/7',
      '3 (high-impact), by rule `actions.repo.merge.tier`',
      '92% / low',
      'Fixed the null pointer exception by adding a guard clause',
      '0 of 1, from <@U0BOB0001>, <@U0CAROL01>',
      `\`${String(hash).slice(0, 12)}\``,
      '(no decision by then is a rejection)',
      'redacted by DLP, which found: email in draft',
    ]) {
      assert.ok(blocks.includes(fact), `the message shows ${fact}`);
    }
    assert.ok(!blocks.includes('ops@acme.io'), 'the draft shown is the redacted one');
    assert.deepEqual(buttonsOf(message), [ActionId.Approve, ActionId.Reject]);

    const before = ephemeralCount(USERS.bob);
    const answer = await click(USERS.bob, actionId, ActionId.Approve);
    assert.equal(answer.status, 200);
    assert.equal(await ephemeral(USERS.bob, before), ':white_check_mark: Accepted: 1 of 1, which completes the approval. Countersign now publishes the action.');
    await eventually(async () => ((await actionRow(h.db.pool, actionId))?.state === 'published' ? true : undefined));
    const accepted = (await auditEvents(h.db.pool, actionId)).find((e) => e.type === 'approval_accepted');
    assert.equal(accepted?.actor, 'bob');
    assert.equal(accepted?.payload.channel, 'slack');

    const published = await update(actionId, (c) => headerOf(c) === 'Published: repo.merge');
    assert.ok(blocksOf(published).includes('<@U0BOB0001> approved (1 of 1)'));
    assert.ok(blocksOf(published).includes('• Published ('));
    assert.deepEqual(buttonsOf(published), [ActionId.RollBack], 'inside the window only Roll back is offered');
  });

  it('shows the CI result when it arrives, and drops Roll back when the window closes', async () => {
    const { started, actionId } = await startPending('repo.merge_with_ci', 'github.com/acme/api/pull/ci');
    await click(USERS.bob, actionId, ActionId.Approve);
    await update(actionId, (c) => headerOf(c) === 'Published: repo.merge_with_ci');
    await started.handle.signal(ciResultSignal, { status: 'passed', url: 'https://ci.example.com/run/7' });
    const passed = await update(actionId, (c) => blocksOf(c).includes('CI passed (https://ci.example.com/run/7)'));
    assert.deepEqual(buttonsOf(passed), [ActionId.RollBack], 'still inside the window');
    const closed = await update(actionId, (c) => blocksOf(c).includes('Rollback window closed; the action stays published'));
    assert.deepEqual(buttonsOf(closed), [], 'nothing left to click');
  });

  it('rolls back from the message inside the window, with the reason asked in a modal', async () => {
    const { actionId } = await startPending('repo.merge', 'github.com/acme/api/pull/8');
    await click(USERS.bob, actionId, ActionId.Approve);
    await update(actionId, (c) => buttonsOf(c).includes(ActionId.RollBack));

    // dave is neither an operator nor an approver: refused, and nothing is signalled.
    const opened = modalsOpened(ViewId.RollbackReason);
    await click(USERS.dave, actionId, ActionId.RollBack);
    const modal = await openedModal(USERS.dave, ViewId.RollbackReason, opened);
    const daveSaw = ephemeralCount(USERS.dave);
    await send(viewSubmission({ user: USERS.dave, callbackId: ViewId.RollbackReason, privateMetadata: modal.private_metadata, values: { reason: { type: 'plain_text_input', value: 'I want to' } } }));
    assert.match(await ephemeral(USERS.dave, daveSaw), /^:no_entry_sign: Not rolled back: dave is neither an operator nor an approver of this action/);
    assert.equal((await actionRow(h.db.pool, actionId))?.state, 'published');

    const empty = await send(viewSubmission({ user: USERS.erin, callbackId: ViewId.RollbackReason, privateMetadata: modal.private_metadata, values: { reason: { type: 'plain_text_input', value: '  ' } } }));
    assert.deepEqual(JSON.parse(empty.body), { response_action: 'errors', errors: { reason: 'Say why it must be rolled back.' } });

    const erinSaw = ephemeralCount(USERS.erin);
    await send(viewSubmission({ user: USERS.erin, callbackId: ViewId.RollbackReason, privateMetadata: modal.private_metadata, values: { reason: { type: 'plain_text_input', value: 'broke the build' } } }));
    assert.match(await ephemeral(USERS.erin, erinSaw), /^:rewind: Rollback of .* requested/);
    await eventually(async () => ((await actionRow(h.db.pool, actionId))?.state === 'rolled_back' ? true : undefined));
    const asked = (await auditEvents(h.db.pool, actionId)).find((e) => e.type === 'rollback_requested');
    assert.equal(asked?.actor, 'erin');
    assert.equal(asked?.payload.reason, 'broke the build');
    const rolledBack = await update(actionId, (c) => headerOf(c) === 'Rolled back: repo.merge');
    assert.ok(blocksOf(rolledBack).includes('Rolled back (on request) by <@U0ERIN001>: broke the build'));
    assert.deepEqual(buttonsOf(rolledBack), []);
  });

  it('rejects with the reason given in the modal; a later click hears it is already decided', async () => {
    const { actionId } = await startPending('repo.merge', 'github.com/acme/api/pull/9');
    const opened = modalsOpened(ViewId.RejectReason);
    const answer = await click(USERS.carol, actionId, ActionId.Reject);
    assert.equal(answer.status, 200);
    const modal = await openedModal(USERS.carol, ViewId.RejectReason, opened);
    assert.equal((JSON.parse(modal.private_metadata) as { actionId: string }).actionId, actionId);

    const empty = await send(viewSubmission({ user: USERS.carol, callbackId: ViewId.RejectReason, privateMetadata: modal.private_metadata, values: { reason: { type: 'plain_text_input', value: '' } } }));
    assert.deepEqual(JSON.parse(empty.body), { response_action: 'errors', errors: { reason: 'Say why you reject it.' } });

    const seen = ephemeralCount(USERS.carol);
    const submitted = await send(viewSubmission({ user: USERS.carol, callbackId: ViewId.RejectReason, privateMetadata: modal.private_metadata, values: { reason: { type: 'plain_text_input', value: 'Needs tests first' } } }));
    assert.equal(submitted.body, '', 'the modal closes at once');
    assert.equal(await ephemeral(USERS.carol, seen), ':no_entry: Rejected. Nothing will be published; your reason is in the audit trail.');
    await eventually(async () => ((await actionRow(h.db.pool, actionId))?.state === 'rejected' ? true : undefined));
    const rejected = (await auditEvents(h.db.pool, actionId)).find((e) => e.type === 'rejected');
    assert.equal(rejected?.actor, 'carol');
    assert.equal(rejected?.payload.reason, 'Needs tests first');
    const shown = await update(actionId, (c) => headerOf(c) === 'Rejected: repo.merge');
    assert.ok(blocksOf(shown).includes('<@U0CAROL01> rejected: Needs tests first'));
    assert.deepEqual(buttonsOf(shown), []);

    const bobSaw = ephemeralCount(USERS.bob);
    await click(USERS.bob, actionId, ActionId.Approve);
    assert.match(await ephemeral(USERS.bob, bobSaw), /^:information_source: Already decided\. this action was already rejected by carol/);
  });

  it('needs two distinct approvers for tier 4, each through the confirmation dialog', async () => {
    const { actionId, message } = await startPending('repo.delete_branch', 'github.com/acme/api/tree/stale');
    assert.deepEqual(buttonsOf(message), [ActionId.ApproveWithConfirmation, ActionId.Reject]);
    assert.ok(blocksOf(message).includes('0 of 2, from <@U0BOB0001>, <@U0CAROL01> (distinct people)'));

    const opened = modalsOpened(ViewId.ApproveConfirmation);
    const updatesBefore = temporalCalls.length;
    await click(USERS.bob, actionId, ActionId.ApproveWithConfirmation);
    const modal = await openedModal(USERS.bob, ViewId.ApproveConfirmation, opened);
    assert.ok(JSON.stringify(modal.blocks).includes('needs 2 approvals from different people'));
    assert.equal(temporalCalls.length, updatesBefore, 'opening the dialog asks nothing of Temporal');
    const confirm = (user: string, ticked: boolean) =>
      send(
        viewSubmission({
          user,
          callbackId: ViewId.ApproveConfirmation,
          privateMetadata: modal.private_metadata,
          values: { confirm: { type: 'checkboxes', selected_options: ticked ? [{ value: CONFIRMED }] : [] }, comment: { type: 'plain_text_input', value: null } },
        }),
      );

    const unticked = await confirm(USERS.bob, false);
    assert.deepEqual(JSON.parse(unticked.body), { response_action: 'errors', errors: { confirm: 'Tick the box to confirm this destructive action, or cancel.' } });
    assert.equal(temporalCalls.length, updatesBefore, 'an unticked dialog decides nothing');

    let seen = ephemeralCount(USERS.bob);
    await confirm(USERS.bob, true);
    assert.equal(await ephemeral(USERS.bob, seen), ':white_check_mark: Accepted: your approval is 1 of 2. 1 more approver is needed.');
    const oneOfTwo = await update(actionId, (c) => blocksOf(c).includes('<@U0BOB0001> approved (1 of 2)'));
    assert.deepEqual(buttonsOf(oneOfTwo), [ActionId.ApproveWithConfirmation, ActionId.Reject], 'still waiting: the buttons stay');

    seen = ephemeralCount(USERS.bob);
    await confirm(USERS.bob, true);
    assert.match(await ephemeral(USERS.bob, seen), /^:information_source: You have already approved this action\. bob has already approved \(1 of 2\)/);

    seen = ephemeralCount(USERS.carol);
    await confirm(USERS.carol, true);
    assert.equal(await ephemeral(USERS.carol, seen), ':white_check_mark: Accepted: 2 of 2, which completes the approval. Countersign now publishes the action.');
    await eventually(async () => ((await actionRow(h.db.pool, actionId))?.state === 'published' ? true : undefined));
    const published = await update(actionId, (c) => headerOf(c) === 'Published: repo.delete_branch');
    assert.ok(blocksOf(published).includes('<@U0CAROL01> approved (2 of 2)'));
    const approvers = (await auditEvents(h.db.pool, actionId)).filter((e) => e.type === 'approval_accepted').map((e) => e.actor);
    assert.deepEqual(approvers, ['bob', 'carol']);
  });

  it("refuses the agent's owner, a non-approver and an unknown Slack user with the words they need", async () => {
    const { actionId } = await startPending('repo.merge', 'github.com/acme/api/pull/10');
    let seen = ephemeralCount(USERS.alice);
    await click(USERS.alice, actionId, ActionId.Approve);
    assert.match(await ephemeral(USERS.alice, seen), /^:no_entry_sign: You cannot approve your own agent's action\. alice owns the requesting agent/);
    seen = ephemeralCount(USERS.dave);
    await click(USERS.dave, actionId, ActionId.Approve);
    assert.match(await ephemeral(USERS.dave, seen), /^:no_entry_sign: You are not an approver of this action\. dave is not an approver of this action; the policy lets alice, bob, carol approve it/);
    const calls = temporalCalls.length;
    seen = ephemeralCount(USERS.stranger);
    await click(USERS.stranger, actionId, ActionId.Approve);
    assert.match(await ephemeral(USERS.stranger, seen), /^:no_entry_sign: You are not an approver of this action: your Slack account \(member ID U0NOBODY1\) is not linked/);
    assert.equal(temporalCalls.length, calls, 'an unknown user reaches nothing in Temporal');

    const refusals = (await auditEvents(h.db.pool, actionId)).filter((e) => e.type === 'decision_refused');
    assert.deepEqual(refusals.map((e) => [e.actor, e.payload.code]), [['alice', 'own_agent_action'], ['dave', 'not_an_approver'], ['slack:U0NOBODY1', 'not_an_approver']]);
    assert.equal((await actionRow(h.db.pool, actionId))?.state, 'awaiting_approval');
  });

  it('shows an expiry in the message and tells a late clicker it expired', async () => {
    const { actionId } = await startPending('repo.merge_quickly', 'github.com/acme/api/pull/11');
    await eventually(async () => ((await actionRow(h.db.pool, actionId))?.state === 'expired' ? true : undefined));
    const expired = await update(actionId, (c) => headerOf(c) === 'Expired: repo.merge_quickly');
    assert.deepEqual(buttonsOf(expired), []);
    const seen = ephemeralCount(USERS.bob);
    await click(USERS.bob, actionId, ActionId.Approve);
    assert.match(await ephemeral(USERS.bob, seen), /^:hourglass: Expired: this request can no longer be decided\./);
  });

  it('refuses forged and stale requests, logs them, and sends nothing to Temporal', async () => {
    const { actionId, ts } = await startPending('repo.merge', 'github.com/acme/api/pull/12');
    const calls = temporalCalls.length;
    const slackCalls = slack.calls.length;
    const body = buttonClick({ user: USERS.bob, actionId: ActionId.Approve, value: actionId, channel: CHANNEL, ts });
    const forged = await postSigned(url, SIGNING_SECRET, body, { secret: 'not-the-signing-secret' });
    assert.equal(forged.status, 401);
    const stale = await postSigned(url, SIGNING_SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    assert.equal(stale.status, 401);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(temporalCalls.length, calls, 'no query, update or signal');
    assert.equal(slack.calls.length, slackCalls, 'no answer to anyone in Slack');
    assert.equal((await actionRow(h.db.pool, actionId))?.state, 'awaiting_approval');
    assert.deepEqual((await auditEvents(h.db.pool, actionId)).filter((e) => e.type.startsWith('approval_accepted') || e.type === 'decision_refused'), []);
    const refusals = logged.lines.filter((l) => String(l.msg).startsWith('Failed to parse and verify the request data'));
    assert.ok(refusals.some((l) => /signature mismatch/.test(String(l.msg))), 'the forged request is logged');
    assert.ok(refusals.some((l) => /stale/.test(String(l.msg))), 'the stale request is logged');
  });

  it('retries a failing Slack API, then escalates the request to the webhook and by email, audited', async () => {
    const resource = 'github.com/acme/api/pull/fragile';
    let attempts = 0;
    slack.failWith((call) => {
      if (call.method !== 'chat.postMessage' || !blocksOf(call).includes(resource)) return undefined;
      attempts += 1;
      return attempts === 1 ? { status: 500, body: { ok: false } } : { status: 200, body: { ok: false, error: 'ratelimited' } };
    });
    try {
      const started = governed(await h.startAction(request({ action: 'repo.merge_fragile', resource })));
      const escalated = await soon(() => hook.requests.find((r) => (r.body as { actionId?: string; escalated?: string }).actionId === started.actionId && r.headers['x-countersign-event'] === 'requested'), 20_000);
      assert.match(String((escalated.body as { escalated?: string }).escalated), /the slack notifier failed to deliver the request/);
      assert.equal(attempts, 2, 'one call per attempt, as many attempts as notifiers.slack.attempts');
      const events = await auditEvents(h.db.pool, started.actionId);
      const failed = events.find((e) => e.type === 'notify_failed');
      assert.match(String(failed?.payload.reason), /the slack notifier failed: slack notifier: chat\.postMessage failed: Slack answered ratelimited; gave up after 2 attempts/);
      assert.deepEqual(events.find((e) => e.type === 'escalated')?.payload.to, ['webhook', 'email']);
      const mails = await inbox.waitFor(started.actionId, (m) => m.purpose === 'request', 2);
      assert.deepEqual(mails.map((m) => m.to).sort(), ['bob@example.com', 'carol@example.com'], 'every approver but the owner, by email');
      assert.match(mails[0]?.subject ?? '', /^Escalated: approval needed/);
      assert.match(mails[0]?.text ?? '', /because the slack notifier failed to deliver the request/);
      assert.equal((await actionRow(h.db.pool, started.actionId))?.state, 'awaiting_approval', 'the request waits on, now by the webhook route');
    } finally {
      slack.failWith(() => undefined);
    }
  });

  it("kills from the slash command, refusing a non-operator's kill; resume lifts the freeze", async () => {
    const command = (user: string, text: string) => send(slashCommand({ user, text, responseUrl: slack.responseUrl(`${user}-${Date.now()}`) }));
    const first = await startPending('repo.merge', 'github.com/acme/api/pull/20');
    const second = await startPending('repo.delete_branch', 'github.com/acme/api/tree/old');

    const refused = await command(USERS.bob, 'kill stop everything');
    assert.equal(refused.status, 200);
    const bobReply = await soon(() => slack.callsOf('response_url').find((c) => String(c.args.text).includes('bob is not an operator')));
    assert.equal(bobReply.args.text, ':no_entry_sign: Refused: bob is not an operator; only erin may kill.');
    assert.equal(bobReply.args.response_type, 'ephemeral');
    const { rows } = await h.db.pool.query<{ frozen: boolean }>('SELECT frozen FROM kill_switch WHERE id = 1');
    assert.equal(rows[0]?.frozen, false, 'a refused kill freezes nothing');
    const refusedEvent = await h.db.pool.query<{ actor: string; payload: Record<string, unknown> }>("SELECT actor, payload FROM audit_events WHERE type = 'signal_refused' AND action_id IS NULL");
    assert.deepEqual(refusedEvent.rows.map((r) => [r.actor, r.payload.asked, r.payload.code]), [['bob', 'killAll', 'not_an_operator']]);

    await command(USERS.erin, 'kill incident 7');
    const erinReply = await soon(() => slack.callsOf('response_url').find((c) => String(c.args.text).startsWith(':octagonal_sign: Kill switch engaged by erin: incident 7.')));
    assert.match(String(erinReply.args.text), /nothing pending will be published/);
    for (const { actionId } of [first, second]) {
      await eventually(async () => ((await actionRow(h.db.pool, actionId))?.state === 'killed' ? true : undefined), 15_000);
    }
    assert.equal((await actionRow(h.db.pool, first.actionId))?.reason, 'killed by erin: incident 7');
    // The workflow's `killed` notice updates each message: its state, who, and no buttons left.
    for (const { actionId } of [first, second]) {
      const killed = await update(actionId, (c) => headerOf(c).startsWith('Killed:'));
      assert.ok(blocksOf(killed).includes('Killed by <@U0ERIN001>: incident 7'), blocksOf(killed));
      assert.deepEqual(buttonsOf(killed), []);
    }

    await command(USERS.erin, 'pending');
    const pending = await soon(() => slack.callsOf('response_url').find((c) => String(c.args.text).includes('Countersign is *frozen* by erin: incident 7')));
    assert.ok(!String(pending.args.text).includes(first.actionId), 'killed actions are no longer pending');

    await command(USERS.erin, `status ${first.actionId}`);
    const status = await soon(() => slack.callsOf('response_url').find((c) => String(c.args.text).startsWith('*repo.merge* on github.com/acme/api/pull/20: *killed*')));
    assert.match(String(status.args.text), /killed \(erin\)/);

    await command(USERS.bob, 'resume');
    await soon(() => slack.callsOf('response_url').find((c) => c.args.text === ':no_entry_sign: Refused: bob is not an operator; only erin may resume.'));
    await command(USERS.erin, 'resume');
    await soon(() => slack.callsOf('response_url').find((c) => c.args.text === ":large_green_circle: Resumed by erin: agents' actions are accepted again."));
    const after = await h.db.pool.query<{ frozen: boolean }>('SELECT frozen FROM kill_switch WHERE id = 1');
    assert.equal(after.rows[0]?.frozen, false);
  });
});
