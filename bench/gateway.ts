// A tier-1 `POST /v1/actions` through the agent gateway against the same request to the
// in-process startAction and to an empty Fastify route, all in this run: sequential latency,
// and throughput with 16 clients at once. Part of `npm run bench`; alone: `npx tsx bench/gateway.ts`.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { createHarness, type Harness } from '../test/support/harness.ts';
import { request, testPolicy } from '../test/support/test-policy.ts';
import { ms, perSecond, pool, quantile } from './stats.ts';

type Print = (label: string, value: string) => void;

const CALLS = Number(process.env.BENCH_GATEWAY_CALLS ?? 1000);
const REQUESTS = Number(process.env.BENCH_GATEWAY_REQUESTS ?? 3000);
const WARMUP_CALLS = 100;
const CLIENTS = 16;
/** Sequential calls alternate between the three ways in blocks of this many. */
const BLOCK = 100;
/** Each key's gateway budget while benchmarking: far above what this run sends. */
export const BENCH_REQUESTS_PER_MINUTE = 1_000_000_000;

// node:http with kept-alive connections, one per client: a light client, so what is measured is
// the server (fetch's own overhead is about 0.7 ms a request here).
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function postJson(url: string, headers: Record<string, string>, json: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(json);
  });
}

/** One way to send a tier-1 request; `i` makes each one distinct (its own idempotency key). */
type Send = (i: number) => Promise<void>;

async function latencies(send: Send, from: number, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = from; i < from + count; i++) {
    const t0 = performance.now();
    await send(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function throughput(send: Send, from: number, count: number): Promise<number> {
  const t0 = performance.now();
  await pool(count, CLIENTS, (i) => send(from + i));
  return perSecond(count, performance.now() - t0);
}

/** Prints the three ways' p50/p99 one at a time and their requests/s with 16 clients, and ratios. */
export async function gatewayBenchmark(h: Harness, print: Print): Promise<void> {
  if (!h.gateway) throw new Error('the gateway benchmark needs a harness made with { gateway: { requestsPerMinute } }');
  const key = await h.gateway.issueKey('bot');
  const run = randomUUID().slice(0, 8);
  const body = (way: string, i: number) =>
    request({ action: 'create_comment', taskId: `bench-${way}-${i}`, resource: `github.com/acme/api/issues/${i}`, idempotencyKey: `bench-${run}-${way}-${i}` });
  const post = async (url: string, way: string, i: number) => {
    const answer = await postJson(url, { authorization: `Bearer ${key}` }, JSON.stringify(body(way, i)));
    if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  };

  const empty = Fastify();
  empty.post('/empty', () => Promise.resolve({ ok: true }));
  const emptyUrl = `${await empty.listen({ host: '127.0.0.1', port: 0 })}/empty`;
  const direct: Send = async (i) => {
    const started = await h.startAction(body('direct', i));
    if (started.kind !== 'allowed') throw new Error(`tier 1 was answered ${started.kind}`);
  };
  const gateway: Send = (i) => post(`${h.gateway?.url ?? ''}/v1/actions`, 'http', i);
  const bare: Send = (i) => post(emptyUrl, 'empty', i);
  const ways = [gateway, direct, bare];
  try {
    for (const send of ways) await latencies(send, 0, WARMUP_CALLS);
    // Sequential: the three take turns in blocks, so a database slowing as the chain and the
    // tables grow weighs on each alike.
    const seq = new Map<Send, number[]>(ways.map((send) => [send, []]));
    for (let from = WARMUP_CALLS; from < WARMUP_CALLS + CALLS; from += BLOCK) {
      for (const send of ways) seq.get(send)?.push(...(await latencies(send, from, Math.min(BLOCK, WARMUP_CALLS + CALLS - from))));
    }
    const rates = new Map<Send, number>();
    for (const send of ways) rates.set(send, await throughput(send, WARMUP_CALLS + CALLS, REQUESTS));

    const p50 = (send: Send) => quantile(seq.get(send) ?? [], 0.5);
    const latency = (send: Send) => `p50 ${ms(p50(send))}  p99 ${ms(quantile(seq.get(send) ?? [], 0.99))}`;
    const rate = (send: Send) => rates.get(send) ?? Number.NaN;
    print(`gateway POST /v1/actions, tier 1, ${CALLS} sequential`, latency(gateway));
    print('  in-process startAction, same requests', latency(direct));
    print('  empty Fastify route, same body and headers', latency(bare));
    print('  gateway p50 − in-process p50 (aim ≤ 1 ms)', ms(p50(gateway) - p50(direct)));
    print(`gateway POST /v1/actions, ${REQUESTS} with ${CLIENTS} clients`, `${rate(gateway).toFixed(0)}/s (aim ≥ 1000/s)`);
    print(`  in-process startAction, ${CLIENTS} at a time`, `${rate(direct).toFixed(0)}/s`);
    print(`  empty Fastify route, ${CLIENTS} clients`, `${rate(bare).toFixed(0)}/s`);
    print('  ratio gateway / in-process requests/s', (rate(gateway) / rate(direct)).toFixed(2));
    print('  ratio gateway / empty route requests/s', (rate(gateway) / rate(bare)).toFixed(2));
  } finally {
    await empty.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const h = await createHarness(testPolicy(), { gateway: { requestsPerMinute: BENCH_REQUESTS_PER_MINUTE } });
  try {
    console.log(`Countersign gateway benchmark, ${new Date().toISOString()} (node ${process.version})\n`);
    await gatewayBenchmark(h, (label, value) => console.log(`${label.padEnd(58)} ${value}`));
  } finally {
    await h.close();
  }
}
