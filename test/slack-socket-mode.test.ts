import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import { createRequestRollback } from '../src/requests/request-rollback.ts';
import { ActionId } from '../slack-app/blocks/action-ids.ts';
import { activityAttempt } from '../slack-app/notifier/activity-attempt.ts';
import { createSlackNotifier } from '../slack-app/notifier/slack-notifier.ts';
import { createSlackWebClient } from '../slack-app/slack-web-client.ts';
import { startSlackApp, type RunningSlackApp } from '../slack-app/create-slack-app.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { eventually } from './support/queries.ts';
import { buttonClickPayload } from './support/slack-requests.ts';
import { startSlackStandIn, type SlackStandIn } from './support/slack-stand-in.ts';
import { request, testPolicy } from './support/test-policy.ts';
import { freePort } from './support/ui-temporal.ts';

const BOB = 'U0BOB0001';
const CAROL = 'U0CAROL01';

// An action whose approvers are asked by DM, each approver but the agent's owner (alice).
const DM_ACTION = `
  repo.merge_by_dm:
    tier: 3
    executor: { type: ledger, account: merges }
    approvers: [maintainers]
    rollback_window: 1s
    notify: [slack]
`;

// Slack's side of Socket Mode on loopback: apps.connections.open (the stand-in) names this
// WebSocket server, which says hello and then delivers envelopes; the app acks each by its id.
describe('Slack app over Socket Mode (SLACK_APP_TOKEN set)', () => {
  let h: Harness;
  let slack: SlackStandIn;
  let server: WebSocketServer;
  let app: RunningSlackApp;
  let port: number;
  let socket: WebSocket | undefined;
  const acks = new Map<string, number>();

  before(async () => {
    slack = await startSlackStandIn();
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    slack.useSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    server.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { envelope_id?: string };
        if (message.envelope_id) acks.set(message.envelope_id, Date.now());
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'stand-in' }, connection_info: { app_id: 'A0COUNTER' } }));
    });
    const quiet = pino({ level: 'silent' });
    h = await createHarness(testPolicy({ approvalTimeout: '5m', slack: '{ dm: true }', slackIds: { carol: CAROL }, extraActions: DM_ACTION }), {
      slackNotifier: (pool, policy) => {
        const spec = policy.policy.notifiers.slack;
        assert.ok(spec, 'the test policy declares notifiers.slack');
        const client = createSlackWebClient({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }, quiet);
        return createSlackNotifier({ spec, client, pool, people: policy.policy.people, log: quiet, now: () => new Date(), attempt: activityAttempt });
      },
    });
    port = await freePort();
    app = await startSlackApp(
      { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: slack.apiUrl, port },
      {
        pool: h.db.pool,
        temporal: h.temporal.client,
        people: h.policy.policy.people,
        operators: h.policy.policy.operators,
        policyVersion: h.policy.version,
        privateKey: h.keys.slack.privateKey,
        submit: createSubmitDecision({ pool: h.db.pool, temporal: h.temporal.client }),
        requestRollback: createRequestRollback({ pool: h.db.pool, temporal: h.temporal.client }),
        log: quiet,
        now: () => new Date(),
      },
    );
  });
  after(async () => {
    await app.stop();
    server.close();
    await h.close();
    await slack.close();
  });

  it('asks each approver by DM, never the owner; a click over the socket is acked at once and the action publishes', async () => {
    assert.equal(app.port, undefined, 'no public receiver in Socket Mode');
    const opened = slack.callsOf('apps.connections.open');
    assert.equal(opened.length, 1, 'the app asked Slack where to connect');
    const ws = await eventually(() => Promise.resolve(socket));

    const action = governed(await h.startAction(request({ action: 'repo.merge_by_dm', params: { pr: 'socket' } })));
    await awaitingApproval(action);
    const asked = await eventually(() => {
      const posts = slack.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks).includes(action.actionId));
      return Promise.resolve(posts.length >= 2 ? posts : undefined);
    });
    assert.deepEqual(asked.map((c) => c.args.channel).sort(), [BOB, CAROL], 'bob and carol by DM; alice owns the agent');
    const sent = Date.now();
    const payload = buttonClickPayload({ user: BOB, actionId: ActionId.Approve, value: action.actionId, channel: 'C0APPROVALS', ts: '1700000000.000100' });
    ws.send(JSON.stringify({ envelope_id: 'envelope-1', type: 'interactive', accepts_response_payload: false, payload }));
    const acked = await eventually(() => Promise.resolve(acks.get('envelope-1')));
    assert.ok(acked - sent < 3_000, `acked in ${acked - sent} ms (Slack waits 3 s)`);
    assert.equal(await action.result(), 'published');
    const reply = await eventually(() => Promise.resolve(slack.callsOf('chat.postEphemeral').find((c) => c.args.user === BOB)));
    assert.match(String(reply.args.text), /Accepted: 1 of 1/);
    // Both DMs are kept true, not only the one clicked.
    const updated = await eventually(() => {
      const published = slack.callsOf('chat.update').filter((c) => JSON.stringify(c.args.blocks).includes('Published: repo.merge_by_dm'));
      const channels = new Set(published.map((c) => String(c.args.channel)));
      return Promise.resolve(channels.size >= 2 ? [...channels].sort() : undefined);
    });
    assert.deepEqual(updated, [`D${BOB.slice(1)}`, `D${CAROL.slice(1)}`]);

    // The port serves the health check in this mode too, for the container's probe.
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
  });
});
