import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { gatewayPlugin } from '../src/gateway/gateway-plugin.ts';
import { createLogger } from '../src/logging/create-logger.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { eventually } from './support/queries.ts';
import { runCountersign } from './support/run-cli.ts';
import { request, testPolicy } from './support/test-policy.ts';

// Attacks an agent could make with only what it holds, its key, each through the gateway.
const RATE_LIMITS = 'rate_limits:\n  agents:\n    narrow-bot: { count: 2, window: 1h }';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { error?: { code: string; message: string; rule?: string; issues?: Array<{ path: string; message: string }> } };
}

describe('the agent gateway: an agent holds one key and nothing else', () => {
  let h: Harness;
  let base: string;
  let botKey: string;
  let narrowKey: string;
  const logLines: string[] = [];

  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    h = await createHarness(testPolicy({ extra: RATE_LIMITS }), { gateway: true, log: createLogger('debug', 'countersign', sink) });
    assert.ok(h.gateway);
    base = h.gateway.url;
    botKey = await h.gateway.issueKey('bot');
    narrowKey = await h.gateway.issueKey('narrow-bot');
  });
  after(() => h.close());

  async function call(method: string, path: string, key: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
  }
  const agentRequest = (overrides: Record<string, unknown> = {}) => {
    const { agentId: _agent, ...rest } = request(overrides);
    return rest;
  };
  const countActions = async () => Number((await h.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM actions')).rows[0]?.n);

  it('allows tier 1 for the agent its key names, without agentId in the body', async () => {
    const answer = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'create_comment', taskId: 'gw-t1' }));
    assert.equal(answer.status, 200);
    assert.deepEqual(
      { kind: answer.body.kind, agentId: answer.body.agentId, tier: answer.body.tier, rule: answer.body.rule, state: answer.body.state },
      { kind: 'allowed', agentId: 'bot', tier: 1, rule: 'actions.create_comment.tier', state: 'allowed' },
    );
    const { rows } = await h.db.pool.query<{ actor: string }>("SELECT actor FROM audit_events WHERE action_id = $1 AND type = 'requested'", [answer.body.actionId]);
    assert.deepEqual(rows.map((r) => r.actor), ['bot']);
  });

  it('refuses a body that claims another agent (403 agent_mismatch), audited, and records no action', async () => {
    const before = await countActions();
    const answer = await call('POST', '/v1/actions', narrowKey, request({ action: 'create_comment', taskId: 'gw-claim' }));
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error?.code, 'agent_mismatch');
    assert.match(answer.body.error?.message ?? '', /this key belongs to agent narrow-bot/);
    assert.equal(await countActions(), before);
    const { rows } = await h.db.pool.query<{ actor: string; payload: { code: string } }>("SELECT actor, payload FROM audit_events WHERE type = 'gateway_refused'");
    assert.ok(rows.some((r) => r.actor === 'narrow-bot' && r.payload.code === 'agent_mismatch'));
  });

  it('lets the agent choose neither its tier, executor, approvers, keys nor policy: such fields are invalid, and the worker’s policy decides', async () => {
    const forged = {
      tier: 0,
      rule: 'mine',
      executor: { type: 'http', url: 'http://127.0.0.1:9/steal', headers: { Authorization: 'Bearer ${DEPLOY_TOKEN}' } },
      approval: { approvers: ['narrow-bot'], quorum: 1 },
      channelKeys: { cli: '00'.repeat(32) },
      policy: 'my-policy.yaml',
    };
    const before = await countActions();
    const refused = await call('POST', '/v1/actions', botKey, { ...agentRequest({ action: 'delete_branch', taskId: 'gw-forge' }), ...forged });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error?.code, 'request_invalid');
    assert.match(JSON.stringify(refused.body.error?.issues), /tier.*rule.*executor.*approval.*channelKeys.*policy/);
    assert.equal(await countActions(), before);

    const governed = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'delete_branch', taskId: 'gw-tier4', resource: 'github.com/acme/api/branches/old' }));
    assert.equal(governed.status, 202);
    assert.deepEqual([governed.body.kind, governed.body.tier, governed.body.rule], ['governed', 4, 'actions.delete_branch.tier']);
    const view = await call('GET', `/v1/actions/${String(governed.body.actionId)}?wait=20&state=started`, botKey);
    const waiting = await eventually(async () => {
      const now = await call('GET', `/v1/actions/${String(governed.body.actionId)}`, botKey);
      return now.body.state === 'awaiting_approval' ? now : undefined;
    }, 20_000);
    assert.equal(view.status, 200);
    assert.deepEqual(waiting.body.approval, { approvers: ['alice', 'bob', 'carol'], quorum: 2, deadline: (waiting.body.approval as { deadline: string }).deadline, approvals: [], rejectedBy: null });
  });

  it('answers another agent’s action exactly like a missing one, for reading and for rollback', async () => {
    const own = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'create_pull_request', taskId: 'gw-own' }));
    assert.equal(own.status, 202);
    const id = String(own.body.actionId);
    for (const [method, path, body] of [
      ['GET', `/v1/actions/${id}`, undefined],
      ['GET', `/v1/actions/${id}?wait=1`, undefined],
      ['POST', `/v1/actions/${id}/rollback`, { reason: 'not mine' }],
    ] as const) {
      const answer = await call(method, path, narrowKey, body);
      const missing = await call(method, path.replace(id, 'no-such-action'), narrowKey, body);
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(answer.body.error?.code, 'action_not_found');
      assert.equal(missing.status, 404);
    }
    await eventually(async () => ((await call('GET', `/v1/actions/${id}`, botKey)).body.state === 'published' ? true : undefined), 20_000);
    const { rows } = await h.db.pool.query<{ type: string }>("SELECT type FROM audit_events WHERE action_id = $1 AND type LIKE 'rollback%'", [id]);
    assert.deepEqual(rows, [], 'nothing was asked of the workflow');
  });

  it('counts the policy’s rate limits inside, and each key’s request rate: 403 policy_rate_limited, 429 with Retry-After', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await call('POST', '/v1/actions', narrowKey, agentRequest({ action: 'read_repository', taskId: `gw-rate-${i}` }));
      codes.push(answer.status === 200 ? 'allowed' : `${answer.status} ${answer.body.error?.code} ${answer.body.error?.rule}`);
    }
    assert.deepEqual(codes, ['allowed', 'allowed', '403 policy_rate_limited rate_limits.agents.narrow-bot']);

    // A second gateway on the same services with a budget of two requests a minute per key.
    const app = Fastify();
    await app.register(gatewayPlugin({ pool: h.db.pool, temporal: h.temporal.client, taskQueue: h.taskQueue, policy: h.policy, channelKeys: h.publicKeys, log: createLogger('silent'), requestsPerMinute: 2 }));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 3; i++) {
        last = await fetch(`${address}/v1/actions/none`, { headers: { authorization: `Bearer ${botKey}` } });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [404, 404, 429]);
      assert.ok(Number(last?.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
      const body = (await last?.json()) as Answer['body'];
      assert.equal(body.error?.code, 'too_many_requests');
      // Another key has its own budget.
      assert.equal((await fetch(`${address}/v1/actions/none`, { headers: { authorization: `Bearer ${narrowKey}` } })).status, 404);
    } finally {
      await app.close();
    }
  });

  it('refuses a revoked key from the next request on, and any key that is not one', async () => {
    const key = await h.gateway?.issueKey('bot');
    assert.ok(key);
    assert.equal((await call('POST', '/v1/actions', key, agentRequest({ action: 'create_comment', taskId: 'gw-revoke-1' }))).status, 200);
    const keyId = key.slice(4, 16);
    const revoked = await runCountersign(h, ['agents', 'key', 'revoke', keyId], { operator: 'erin' });
    assert.equal(revoked.code, 0, revoked.err.join('\n'));
    const after = await call('POST', '/v1/actions', key, agentRequest({ action: 'create_comment', taskId: 'gw-revoke-2' }));
    assert.deepEqual([after.status, after.body.error?.code], [401, 'api_key_revoked']);
    const wrongSecret = `${key.slice(0, -4)}0000`;
    for (const bad of [undefined, 'csk_nope', wrongSecret, `csk_${'0'.repeat(12)}_${'0'.repeat(64)}`]) {
      const answer = await call('GET', '/v1/actions/x', bad);
      assert.equal(answer.status, 401, String(bad));
      assert.equal(answer.body.error?.code, bad === undefined ? 'api_key_missing' : 'api_key_invalid');
    }
    const { rows } = await h.db.pool.query<{ actor: string; payload: { keyId: string } }>("SELECT actor, payload FROM audit_events WHERE type = 'agent_key_revoked'");
    assert.deepEqual(rows.map((r) => [r.actor, r.payload.keyId]), [['erin', keyId]]);
  });

  it('walks tier 3 for the agent: accepted, waits for people, approved with the CLI, published; the long poll wakes on each change; the agent rolls it back', async () => {
    const started = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'merge_pull_request', taskId: 'gw-tier3', draft: 'Merge; ask jane.doe@acme-corp.io' }), { 'Idempotency-Key': 'gw-merge-1' });
    assert.equal(started.status, 202);
    assert.equal(started.headers.get('location'), `/v1/actions/${String(started.body.actionId)}`);
    const id = String(started.body.actionId);
    const again = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'merge_pull_request', taskId: 'gw-tier3', draft: 'Merge; ask jane.doe@acme-corp.io' }), { 'Idempotency-Key': 'gw-merge-1' });
    assert.deepEqual([again.status, again.body.actionId], [202, id], 'the same key is the same action');
    const conflict = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'merge_pull_request', taskId: 'gw-other' }), { 'Idempotency-Key': 'gw-merge-1' });
    assert.deepEqual([conflict.status, conflict.body.error?.code], [409, 'idempotency_key_conflict']);

    let view = (await call('GET', `/v1/actions/${id}`, botKey)).body;
    while (view.state !== 'awaiting_approval') view = (await call('GET', `/v1/actions/${id}?wait=20&state=${String(view.state)}`, botKey)).body;
    const draft = 'Merge; ask jane.doe@acme-corp.io';
    const start = draft.indexOf('jane.doe');
    assert.deepEqual(view.findings, [{ type: 'email', location: 'draft', start, end: draft.length, mode: 'redact' }]);
    assert.ok(!JSON.stringify(view).includes('jane.doe'), 'the finding’s value is never shown');
    assert.equal(view.outcome, null);

    const waiting = call('GET', `/v1/actions/${id}?wait=30`, botKey);
    const approve = await runCountersign(h, ['approve', id], { operator: 'bob' });
    assert.equal(approve.code, 0, approve.err.join('\n'));
    const woke = (await waiting).body;
    assert.notEqual(woke.state, 'awaiting_approval', 'the long poll answered the change');
    while (view.state !== 'published') view = (await call('GET', `/v1/actions/${id}?wait=20&state=${String(view.state)}`, botKey)).body;
    assert.deepEqual((view.approval as { approvals: Array<{ approver: string; channel: string }> }).approvals.map((a) => [a.approver, a.channel]), [['bob', 'cli']]);
    assert.deepEqual((view.receipts as Array<{ step: string; executor: string }>).map((r) => [r.step, r.executor]), [['publish', 'ledger']]);
    assert.equal((view.rollbackWindow as { open: boolean }).open, true);

    const replay = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'merge_pull_request', taskId: 'gw-tier3', draft: 'Merge; ask jane.doe@acme-corp.io' }), { 'Idempotency-Key': 'gw-merge-1' });
    assert.deepEqual([replay.status, replay.body.actionId, replay.body.state], [202, id, 'published'], 'a replay answers with the action as it is now');

    const rolled = await call('POST', `/v1/actions/${id}/rollback`, botKey, { reason: 'merged the wrong branch' });
    assert.equal(rolled.status, 202);
    while (view.outcome === null) view = (await call('GET', `/v1/actions/${id}?wait=20&state=${String(view.state)}`, botKey)).body;
    assert.equal(view.outcome, 'rolled_back');
    const { rows } = await h.db.pool.query<{ type: string; actor: string }>("SELECT type, actor FROM audit_events WHERE action_id = $1 AND type IN ('rollback_requested', 'rolled_back') ORDER BY seq", [id]);
    assert.deepEqual(rows.map((r) => [r.type, r.actor]), [['rollback_requested', 'bot'], ['rolled_back', 'bot']]);
    const late = await call('POST', `/v1/actions/${id}/rollback`, botKey, { reason: 'again' });
    assert.deepEqual([late.status, late.body.error?.code], [409, 'rollback_refused']);
  });

  it('wakes a long poll on a published action when its rollback window closes, with the outcome', async () => {
    const started = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'create_pull_request', taskId: 'gw-window' }));
    const id = String(started.body.actionId);
    let view = (await call('GET', `/v1/actions/${id}`, botKey)).body;
    while (view.state !== 'published') view = (await call('GET', `/v1/actions/${id}?wait=20&state=${String(view.state)}`, botKey)).body;
    assert.equal(view.outcome, null, 'inside its window the action has no outcome yet');
    // The state stays `published`; the window closing is still a change the poll answers.
    const closed = (await call('GET', `/v1/actions/${id}?wait=30&state=published`, botKey)).body;
    assert.deepEqual([closed.state, closed.outcome, (closed.rollbackWindow as { open: boolean }).open], ['published', 'published', false]);
  });

  it('answers a policy refusal with 403, its code, rule and message', async () => {
    const blacklisted = await call('POST', '/v1/actions', botKey, agentRequest({ action: 'create_comment', resource: 'github.com/SecureBananaLabs/bounties/issues/1', taskId: 'gw-black' }));
    assert.equal(blacklisted.status, 403);
    assert.deepEqual([blacklisted.body.error?.code, blacklisted.body.error?.rule], ['policy_resource_blacklisted', 'blacklist.resources']);
    const manifest = await call('POST', '/v1/actions', narrowKey, agentRequest({ action: 'merge_pull_request', taskId: 'gw-manifest' }));
    assert.deepEqual([manifest.status, manifest.body.error?.code, manifest.body.error?.rule], [403, 'policy_not_in_manifest', 'manifest']);
    const refusedView = await call('GET', `/v1/actions/${String((await h.db.pool.query<{ action_id: string }>("SELECT action_id FROM actions WHERE task_id = 'gw-manifest'")).rows[0]?.action_id)}`, narrowKey);
    assert.deepEqual([refusedView.body.state, refusedView.body.outcome, refusedView.body.code], ['refused', 'refused', 'policy_not_in_manifest']);
  });

  it('serves an OpenAPI 3.1 document of every route, answer and error code, generated from the schemas', async () => {
    const response = await fetch(`${base}/v1/openapi.json`);
    assert.equal(response.status, 200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/v1/actions', '/v1/actions/{id}', '/v1/actions/{id}/rollback', '/v1/openapi.json']);
    assert.deepEqual(Object.keys(doc.paths['/v1/actions']?.post?.responses ?? {}).sort(), ['200', '202', '400', '401', '403', '409', '413', '415', '422', '429']);
    assert.ok(doc.components.schemas.ActionRequest?.properties?.decision, 'the request schema comes from the zod schema');
    assert.ok(doc.components.schemas.Action?.properties?.rollbackWindow);
    const refs = JSON.stringify(doc).match(/"\$ref":"([^"]+)"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      assert.ok(name && doc.components.schemas[name], `${ref} resolves`);
    }
  });

  it('never writes a key into a log line or the audit trail', async () => {
    const secretOf = (key: string) => key.slice(17);
    const { rows } = await h.db.pool.query<{ payload: unknown }>('SELECT payload FROM audit_events');
    const trail = JSON.stringify(rows);
    const logs = logLines.join('');
    assert.ok(logs.length > 0, 'the gateway did log');
    for (const key of [botKey, narrowKey]) {
      assert.ok(!trail.includes(secretOf(key)), 'no key in the audit trail');
      assert.ok(!logs.includes(secretOf(key)), 'no key in the logs');
    }
  });
});
