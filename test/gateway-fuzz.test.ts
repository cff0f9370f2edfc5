import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_DRAFT_BYTES, MAX_JSON_DEPTH, RiskSchema } from '../src/action/action-request.ts';
import { parseAgentKey } from '../src/agent-keys/agent-key.ts';
import { revokeAgentKey } from '../src/agent-keys/agent-key-store.ts';
import { ApiErrorSchema, MAX_WAIT_SECONDS } from '../src/gateway/api-schemas.ts';
import { MAX_BODY_BYTES } from '../src/gateway/gateway-routes.ts';
import { GOVERNED_ACTION_WORKFLOW } from '../workflows/messages.ts';
import { createHarness, type Harness } from './support/harness.ts';
import { request, testPolicy } from './support/test-policy.ts';

// Fixed, so a run is repeatable. On failure fast-check prints the seed and the counterexample's
// path; replay it with `{ seed, path, endOnFailure: true }` in fc.assert, or change SEED to explore.
const SEED = 20_261_202;
const RUNS = 1_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Body = { [key: string]: Json };

/** One request to send, and what a valid key should get: a status, and for 422 the field named. */
interface Case {
  method: 'GET' | 'POST';
  path: string;
  headers: [string, string][];
  body?: string | Uint8Array;
  status?: number;
  field?: string;
  /** Text the first issue about `field` must contain (an unknown key's name). */
  says?: string;
  /** Refused after authentication with a gateway_refused event (the body names another agent). */
  refusedAgent?: boolean;
  /** Always sent with the valid key: a server that refuses the key stops reading a huge body mid-send. */
  keyed?: boolean;
}

interface Auth {
  header: string | undefined;
  valid: boolean;
}

interface Answer {
  status: number;
  contentType: string | undefined;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** node:http, not fetch: it sends header lines as given (repeated ones too, and no others but Host). */
function send(base: string, c: Case, auth: Auth): Promise<Answer> {
  const url = new URL(base);
  const headers = [['Host', url.host], ...(auth.header === undefined ? [] : [['Authorization', auth.header]]), ...c.headers].flat();
  return new Promise((resolve, reject) => {
    const outgoing = http.request({ agent, host: url.hostname, port: url.port, method: c.method, path: c.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(c.body);
  });
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

/** A well-formed tier-1 request with every optional field, for one field to be broken. */
function baseBody(): Body {
  return request({
    action: 'create_comment',
    taskId: 'task-fuzz',
    resource: 'github.com/acme/api/issues/7',
    params: { title: 'Guard against null user' },
    context: { ticket: 'FUZZ-1' },
    decision: { reasoning: 'The issue asks for a comment', confidence: 0.9, risk: 'low', alternatives: ['wait for review'] },
    idempotencyKey: 'fuzz-key',
  }) as Body;
}

function setAt(body: Body, path: readonly string[], value: Json | undefined): Body {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  const here: Json[] | Body = Array.isArray(body) ? [...(body as Json[])] : { ...body };
  const indexed = here as Record<string, Json>;
  if (rest.length === 0) {
    if (value === undefined) delete indexed[head];
    else indexed[head] = value;
  } else {
    indexed[head] = setAt(indexed[head] as Body, rest, value);
  }
  return here as Body;
}

function getAt(body: Body, path: readonly string[]): Json | undefined {
  return path.reduce<Json | undefined>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, Json>)[key] : undefined), body);
}

const postAction = (body: Body | string, field?: string, status = 422): Case => ({
  method: 'POST',
  path: '/v1/actions',
  headers: [JSON_TYPE],
  body: typeof body === 'string' ? body : JSON.stringify(body),
  status,
  ...(field === undefined ? {} : { field }),
});

const wrongScalar = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
const wrongForString = wrongScalar;
const wrongForObject = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.integer(), { maxLength: 3 }));
const wrongForNumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({ value: 0.5 }));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const inserted = (text: string, what: string, at: number) => text.slice(0, at % (text.length + 1)) + what + text.slice(at % (text.length + 1));

interface TextField {
  path: string[];
  max: number;
  nonEmpty: boolean;
}

const TEXT_FIELDS: TextField[] = [
  { path: ['agentId'], max: 200, nonEmpty: true },
  { path: ['taskId'], max: 200, nonEmpty: true },
  { path: ['action'], max: 200, nonEmpty: true },
  { path: ['resource'], max: 2048, nonEmpty: true },
  { path: ['draft'], max: MAX_DRAFT_BYTES, nonEmpty: false },
  { path: ['decision', 'reasoning'], max: 20_000, nonEmpty: true },
  { path: ['decision', 'alternatives', '0'], max: 2_000, nonEmpty: false },
  { path: ['idempotencyKey'], max: 200, nonEmpty: true },
];

/** A text field broken one way: wrong type, too long, NUL, half a surrogate pair, or empty. */
const brokenText = fc.constantFrom(...TEXT_FIELDS).chain((field) => {
  const at = getAt(baseBody(), field.path);
  const valid = typeof at === 'string' ? at : '';
  const breaks: fc.Arbitrary<Json>[] = [
    wrongForString,
    fc.integer({ min: field.max + 1, max: field.max + 64 }).map((n) => 'a'.repeat(n)),
    fc.nat().map((at) => inserted(valid, '\u0000', at)),
    fc.tuple(loneSurrogate, fc.nat()).map(([half, at]) => inserted(valid, half, at)),
  ];
  if (field.nonEmpty) breaks.push(fc.constant(''));
  if (field.path[0] === 'action') breaks.push(fc.constantFrom('create comment', 'repo/delete', 'créer', 'a;b'));
  return fc.oneof(...breaks).map((value) => postAction(setAt(baseBody(), field.path, value), field.path.join('.')));
});

/** params or context: not an object, a key or string PostgreSQL cannot store, or nested too deep. */
const brokenJsonField = fc.constantFrom('params', 'context').chain((name) =>
  fc.oneof(
    wrongForObject.map((value) => postAction(setAt(baseBody(), [name], value), name)),
    fc.tuple(fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.boolean()).map(([bad, inKey]) =>
      inKey ? postAction(setAt(baseBody(), [name, `ti${bad}tle`], 'x'), `${name}.ti${bad}tle`) : postAction(setAt(baseBody(), [name, 'title'], `x${bad}y`), `${name}.title`),
    ),
    fc.tuple(fc.integer({ min: MAX_JSON_DEPTH + 1, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => {
      const deep = arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const text = JSON.stringify(setAt(baseBody(), [name, 'deep'], '@deep@')).replace('"@deep@"', deep);
      return postAction(text, `${name}.deep`);
    }),
  ),
);

/** The decision log: wrong shapes, a risk outside the enum, a confidence outside 0..1. */
const brokenDecision = fc.oneof(
  wrongForObject.map((value) => postAction(setAt(baseBody(), ['decision'], value), 'decision')),
  fc.oneof(wrongForString, fc.string().filter((s) => !(RiskSchema.options as readonly string[]).includes(s)), fc.constantFrom('LOW', 'Low', ' low', 'critical'))
    .map((risk) => postAction(setAt(baseBody(), ['decision', 'risk'], risk), 'decision.risk')),
  fc.oneof(wrongForNumber, fc.double({ min: 1, minExcluded: true, max: 1e300, noNaN: true }), fc.double({ min: -1e300, max: -1e-12, noNaN: true }))
    .map((confidence) => postAction(setAt(baseBody(), ['decision', 'confidence'], confidence), 'decision.confidence')),
  fc.constantFrom('1e400', '-1e400').map((infinite) => postAction(JSON.stringify(baseBody()).replace('"confidence":0.9', `"confidence":${infinite}`), 'decision.confidence')),
  fc.oneof(fc.string(), fc.integer(), fc.constant({ first: 'wait' }), fc.integer({ min: 51, max: 60 }).map((n) => Array.from({ length: n }, () => 'wait')))
    .map((alternatives) => postAction(setAt(baseBody(), ['decision', 'alternatives'], alternatives), 'decision.alternatives')),
);

const REQUIRED = [['taskId'], ['action'], ['resource'], ['decision'], ['decision', 'reasoning'], ['decision', 'confidence'], ['decision', 'risk']];
const missingField = fc.constantFrom(...REQUIRED).map((path) => postAction(setAt(baseBody(), path, undefined), path.join('.')));

// Fields an agent might try to smuggle in to choose its own tier, executor, approvers or plan.
const SMUGGLED = ['tier', 'executor', 'approval', 'approvals', 'approvers', 'quorum', 'channelKeys', 'plan', 'rule', 'state', 'workflowId', 'actionId', 'policyVersion', 'requestHash'];
const KNOWN = new Set([...Object.keys(baseBody()), '__proto__']);
const unknownField = fc
  .tuple(fc.oneof(fc.constantFrom(...SMUGGLED), fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !KNOWN.has(k))), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.constant({ type: 'noop' })))
  .map(([key, value]): Case => ({ ...postAction({ ...baseBody(), [key]: value }, ''), says: key }));

const anotherAgent = fc
  .oneof(fc.constant('narrow-bot'), fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/).filter((id) => id !== 'bot'))
  .map((agentId): Case => ({ ...postAction(setAt(baseBody(), ['agentId'], agentId), undefined, 403), refusedAgent: true }));

/** Bodies that are not a request at all: any JSON, request-shaped junk, bytes, wrong types, too big. */
const notARequest = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ ...postAction(JSON.stringify(value)), status: undefined })),
  fc.record(Object.fromEntries([...KNOWN].filter((k) => k !== '__proto__').map((k) => [k, fc.jsonValue({ maxDepth: 3 })])), { requiredKeys: [] }).map((value) => ({ ...postAction(JSON.stringify(value)), status: undefined })),
  fc.uint8Array({ minLength: 1, maxLength: 2_000 }).map((bytes): Case => ({ ...postAction(''), body: bytes, status: undefined })),
  fc.constantFrom('{', '{"taskId":', '[1,', '{"__proto__":{"tier":0}}', '{"constructor":{"prototype":{"tier":0}}}', '\ufeff{}', 'nul\u0000l', '{"a":1}{"b":2}')
    .map((text) => ({ ...postAction(text), status: undefined })),
  fc.oneof(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonx', 'application/json-seq', 'text/json', 'text/plainx', ''), fc.stringMatching(/^[a-z]{1,10}\/[a-z.+-]{1,12}$/).filter((t) => !t.startsWith('application/json')))
    .map((type): Case => ({ ...postAction(baseBody()), headers: [['Content-Type', type]], status: undefined })),
  fc.constant<Case>({ ...postAction(baseBody()), headers: [], status: undefined }),
  fc.integer({ min: 1, max: 65_536 }).map((extra): Case => ({ ...postAction(`{"draft":"${'x'.repeat(MAX_BODY_BYTES + extra)}"}`, undefined, 413), keyed: true })),
);

/** A good body with a bad Idempotency-Key: repeated, too long, empty, or not the body's key. */
const badIdempotencyHeader = fc.oneof(
  fc.array(fc.stringMatching(/^[a-z0-9-]{1,40}$/), { minLength: 2, maxLength: 4 }).map((keys): Case => ({
    ...postAction(setAt(baseBody(), ['idempotencyKey'], undefined), 'Idempotency-Key'),
    headers: [JSON_TYPE, ...keys.map((k): [string, string] => ['Idempotency-Key', k])],
  })),
  fc.oneof(fc.integer({ min: 201, max: 6_000 }).map((n) => 'k'.repeat(n)), fc.constant('')).map((key): Case => ({
    ...postAction(setAt(baseBody(), ['idempotencyKey'], undefined), 'idempotencyKey'),
    headers: [JSON_TYPE, ['Idempotency-Key', key]],
  })),
  fc.stringMatching(/^[a-z0-9-]{1,40}$/).filter((k) => k !== 'fuzz-key').map((key): Case => ({ ...postAction(baseBody(), 'idempotencyKey'), headers: [JSON_TYPE, ['Idempotency-Key', key]] })),
);

const validWait = (s: string) => Number.isInteger(Number(s)) && Number(s) >= 0 && Number(s) <= MAX_WAIT_SECONDS;
const wellFormed = fc.string({ maxLength: 30 }).filter((s) => s.isWellFormed());
// Longer path segments are refused by the router (414, checked in the last test).
const actionId = fc.oneof(fc.uuid(), wellFormed.filter((s) => s.length > 0), wellFormed.map((s) => `${s}\u0000`)).map(encodeURIComponent).filter((s) => s.length <= 200);
const q = (pairs: [string, string][]) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : '');

/** GET /v1/actions/{id}: a bad query names its field; a good one asks about an action the agent does not have. */
const badRead = fc.tuple(
  actionId,
  fc.oneof(
    fc.constant({ pairs: [] as [string, string][], status: 404 }),
    fc.tuple(fc.integer({ min: 0, max: MAX_WAIT_SECONDS }), fc.option(wellFormed)).map(([wait, state]) => ({ pairs: [['wait', String(wait)], ...(state === null ? [] : [['state', state]])] as [string, string][], status: 404 })),
    fc.oneof(fc.constantFrom('abc', '-1', '61', '1.5', '1e3', 'Infinity', 'NaN', '0x41', '9'.repeat(30), 'true', '[]'), wellFormed.filter((s) => !validWait(s)))
      .map((wait) => ({ pairs: [['wait', wait]] as [string, string][], status: 422, field: 'wait' })),
    fc.constant({ pairs: [['wait', '1'], ['wait', '2']] as [string, string][], status: 422, field: 'wait' }),
    fc.integer({ min: 65, max: 300 }).map((n) => ({ pairs: [['state', 's'.repeat(n)]] as [string, string][], status: 422, field: 'state' })),
    wellFormed.filter((k) => k.length > 0 && k !== 'wait' && k !== 'state').map((key) => ({ pairs: [[key, '1']] as [string, string][], status: 422, field: '' })),
  ),
).map(([id, query]): Case => ({ method: 'GET', path: `/v1/actions/${id}${q(query.pairs)}`, headers: [], status: query.status, ...('field' in query ? { field: query.field } : {}) }));

/** POST /v1/actions/{id}/rollback: a bad body names `reason`; a good one is about no action of the agent. */
const badRollback = fc.tuple(
  actionId,
  fc.oneof(
    fc.constant({ body: JSON.stringify({ reason: 'wrong branch' }), status: 404 }),
    fc
      .oneof(fc.constantFrom('', '   '), fc.integer({ min: 2_001, max: 2_100 }).map((n) => 'r'.repeat(n)), wrongForString, fc.tuple(fc.constantFrom('\u0000', '\ud800', '\udc00'), fc.nat()).map(([bad, at]) => inserted('wrong branch', bad, at)))
      .map((reason) => ({ body: JSON.stringify({ reason }), status: 422, field: 'reason' })),
    fc.constantFrom('by', 'actor', 'agentId').map((key) => ({ body: JSON.stringify({ reason: 'x', [key]: 'alice' }), status: 422, field: '' })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ body: JSON.stringify(value), status: undefined })),
    fc.constantFrom('', '{', 'reason=x').map((body) => ({ body, status: 400 })),
  ),
).map(([id, sent]): Case => ({ method: 'POST', path: `/v1/actions/${id}/rollback`, headers: [JSON_TYPE], body: sent.body, status: sent.status, ...('field' in sent ? { field: sent.field } : {}) }));

// Headers a client or proxy may add, with long and odd Latin-1 values; they must change nothing.
const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 1_000 });
const noise = fc.array(fc.tuple(fc.constantFrom('X-Request-Id', 'X-Forwarded-For', 'Accept', 'Accept-Encoding', 'Cookie', 'X-Countersign-Agent', 'X-Tier'), latin1), { maxLength: 3 });

function cases(key: string, revokedKey: string): fc.Arbitrary<{ c: Case; auth: Auth }> {
  const [prefix = '', keyId = '', secret = ''] = key.split('_');
  const auth: fc.Arbitrary<Auth> = fc.oneof(
    { weight: 17, arbitrary: fc.constantFrom(`Bearer ${key}`, `bearer ${key}`, `Bearer   ${key}  `).map((header) => ({ header, valid: true })) },
    {
      weight: 3,
      arbitrary: fc
        .oneof(
          fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', key, `Basic ${Buffer.from(`bot:${key}`).toString('base64')}`, `Token ${key}`, `Bearer ${key} ${key}`, `Bearer ${revokedKey}`),
          fc.constantFrom(`Bearer ${prefix}_${keyId}_${secret.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`, `Bearer ${prefix}_000000000000_${secret}`, `Bearer ${key}x`, `Bearer ${key.toUpperCase()}`),
          fc.integer({ min: 1, max: 5_000 }).map((n) => `Bearer ${'c'.repeat(n)}`),
          latin1.map((s) => `Bearer ${s}`),
        )
        .map((header) => ({ header, valid: false })),
    },
  );
  const c = fc.oneof(
    { weight: 8, arbitrary: brokenText },
    { weight: 3, arbitrary: brokenJsonField },
    { weight: 4, arbitrary: brokenDecision },
    { weight: 2, arbitrary: missingField },
    { weight: 3, arbitrary: unknownField },
    { weight: 1, arbitrary: anotherAgent },
    { weight: 4, arbitrary: notARequest },
    { weight: 2, arbitrary: badIdempotencyHeader },
    { weight: 3, arbitrary: badRead },
    { weight: 3, arbitrary: badRollback },
  );
  const keyed: Auth = { header: `Bearer ${key}`, valid: true };
  return fc.tuple(c, auth, noise).map(([sent, a, extra]) => ({ c: { ...sent, headers: [...sent.headers, ...extra] }, auth: sent.keyed ? keyed : a }));
}

describe('agent gateway under generated bad requests', () => {
  let h: Harness;
  let base: string;
  let key: string;
  let revokedKey: string;
  before(async () => {
    h = await createHarness(testPolicy(), { gateway: true });
    if (!h.gateway) throw new Error('the harness was asked for a gateway');
    base = h.gateway.url;
    key = await h.gateway.issueKey('bot');
    revokedKey = await h.gateway.issueKey('bot');
    await revokeAgentKey(h.db.pool, parseAgentKey(revokedKey)?.keyId ?? '', { by: 'test-operator', policyVersion: h.policyVersion, at: new Date() });
  });
  after(async () => {
    agent.destroy();
    await h.close();
  });

  it(`answers ${RUNS} bad bodies, headers, paths and queries with a 4xx JSON error naming the field, and starts nothing`, async () => {
    let agentRefusals = 0;
    await fc.assert(
      fc.asyncProperty(cases(key, revokedKey), async ({ c, auth }) => {
        const answer = await send(base, c, auth);
        assert.ok(answer.status >= 400 && answer.status < 500, `status ${answer.status}: ${answer.text.slice(0, 300)}`);
        assert.match(answer.contentType ?? '', /^application\/json/);
        const error = ApiErrorSchema.parse(JSON.parse(answer.text)).error;
        if (!auth.valid) {
          assert.equal(answer.status, 401, error.message);
          return;
        }
        if (c.status !== undefined) assert.equal(answer.status, c.status, `${error.code}: ${error.message.slice(0, 300)}`);
        if (answer.status === 422) {
          assert.ok(error.issues && error.issues.length > 0, 'a 422 lists the bad fields');
          if (c.field !== undefined) {
            const field = c.field;
            const named = error.issues.find((i) => i.path === field || (field !== '' && i.path.startsWith(`${field}.`)));
            assert.ok(named, `expected an issue at ${JSON.stringify(field)}, got ${JSON.stringify(error.issues).slice(0, 300)}`);
            if (c.says !== undefined) assert.ok(named.message.includes(c.says), `${named.message} names ${c.says}`);
          }
        }
        if (c.refusedAgent) {
          assert.equal(error.code, 'agent_mismatch');
          agentRefusals += 1;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );

    const actions = await h.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM actions');
    assert.equal(actions.rows[0]?.n, '0');
    const events = await h.db.pool.query<{ type: string; n: string }>('SELECT type, count(*) AS n FROM audit_events GROUP BY type ORDER BY type');
    // What may be written: the two keys made and revoked in before(), and one refusal per body that named another agent.
    assert.deepEqual(
      events.rows.map((r) => [r.type, Number(r.n)]),
      [['agent_key_created', 2], ['agent_key_revoked', 1], ...(agentRefusals > 0 ? [['gateway_refused', agentRefusals]] : [])],
    );
    const workflows = await h.temporal.client.workflow.count(`WorkflowType = '${GOVERNED_ACTION_WORKFLOW}'`);
    assert.equal(workflows.count, 0);
  });

  // The router and Node's HTTP parser answer these before any gateway code runs.
  it('answers requests the router and the HTTP parser refuse in the same JSON error shape', async () => {
    const refused: Case[] = [
      { method: 'GET', path: '/v1/actions/%ff', headers: [] },
      { method: 'GET', path: '/v1/actions/%ed%a0%80', headers: [] },
      { method: 'GET', path: `/v1/actions/${'a'.repeat(201)}`, headers: [] },
      { method: 'POST', path: '/v1/actions', headers: [JSON_TYPE, ['X-Padding', 'p'.repeat(20_000)]], body: '{}' },
    ];
    for (const c of refused) {
      const answer = await send(base, c, { header: `Bearer ${key}`, valid: true });
      assert.ok(answer.status >= 400 && answer.status < 500, `${c.path}: ${answer.status}`);
      assert.equal(typeof ApiErrorSchema.parse(JSON.parse(answer.text)).error.code, 'string', `${c.path}: ${answer.text.slice(0, 200)}`);
    }
  });
});
