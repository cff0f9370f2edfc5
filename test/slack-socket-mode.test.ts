import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSubmitDecision } from '../src/approvals/submit-decision.ts';
import { createRequestRollback } from '../src/client/request-rollback.ts';
import { ActionId } from '../slack-app/blocks/action-ids.ts';
import { startSlackApp, type RunningSlackApp } from '../slack-app/create-slack-app.ts';
import { awaitingApproval, governed } from './support/approvals.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { eventually } from './support/queries.ts';
import { buttonClickPayload } from './support/slack-requests.ts';
import { startSlackStandIn, type SlackStandIn } from './support/slack-stand-in.ts';
import { request, testPolicy } from './support/test-policy.ts';
import { freePort } from './support/ui-temporal.ts';

const BOB = 'U0BOB0001';

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
    h = await createHarness(testPolicy({ approvalTimeout: '5m' }));
    port = await freePort();
    const quiet = pino({ level: 'silent' });
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

  it('connects with the app-level token, acks a click at once, and the approval publishes the action', async () => {
    assert.equal(app.port, undefined, 'no public receiver in Socket Mode');
    const opened = slack.callsOf('apps.connections.open');
    assert.equal(opened.length, 1, 'the app asked Slack where to connect');
    const ws = await eventually(() => Promise.resolve(socket));

    const action = governed(await h.startAction(request({ action: 'merge_pull_request', params: { pr: 'socket' } })));
    await awaitingApproval(action);
    const sent = Date.now();
    const payload = buttonClickPayload({ user: BOB, actionId: ActionId.Approve, value: action.actionId, channel: 'C0APPROVALS', ts: '1700000000.000100' });
    ws.send(JSON.stringify({ envelope_id: 'envelope-1', type: 'interactive', accepts_response_payload: false, payload }));
    const acked = await eventually(() => Promise.resolve(acks.get('envelope-1')));
    assert.ok(acked - sent < 3_000, `acked in ${acked - sent} ms (Slack waits 3 s)`);
    assert.equal(await action.result(), 'published');
    const reply = await eventually(() => Promise.resolve(slack.callsOf('chat.postEphemeral').find((c) => c.args.user === BOB)));
    assert.match(String(reply.args.text), /Accepted: 1 of 1/);

    // The port serves the health check in this mode too, for the container's probe.
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(health.status, 200);
  });
});
