import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call to the stand-in: a Web API method, or a post to a response_url. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export type SlackReply = { status: number; body: Record<string, unknown> };

// Fields the WebClient sends JSON-encoded inside its form body.
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function parseForm(text: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) args[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  return args;
}

/**
 * Slack's Web API on 127.0.0.1, the one part of Slack outside our reach: it answers
 * chat.postMessage, chat.update, views.open, chat.postEphemeral, auth.test and response_url
 * posts as Slack does, and records every call so tests assert on the exact messages and blocks.
 * `failWith` makes chosen calls fail (HTTP 500, `{ok: false, error: 'ratelimited'}`).
 */
export async function startSlackStandIn() {
  const calls: SlackCall[] = [];
  let failWith: (call: SlackCall) => SlackReply | undefined = () => undefined;
  let ts = 1_700_000_000;
  let socketUrl: string | undefined;
  const reply = (call: SlackCall): SlackReply => {
    const failure = failWith(call);
    if (failure) return failure;
    const channel = typeof call.args.channel === 'string' ? call.args.channel : '';
    switch (call.method) {
      case 'apps.connections.open':
        // Socket Mode asks where to connect; a test serves the WebSocket (useSocket).
        return socketUrl ? { status: 200, body: { ok: true, url: socketUrl } } : { status: 200, body: { ok: false, error: 'not_allowed_token_type' } };
      case 'auth.test':
        return { status: 200, body: { ok: true, team_id: 'T0TEST001', user_id: 'U0COUNTER', bot_id: 'B0COUNTER', user: 'countersign' } };
      case 'chat.postMessage':
        // A post to a user id opens the DM, whose conversation id starts with D.
        return { status: 200, body: { ok: true, channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: `${(ts += 1)}.000100` } };
      case 'chat.update':
        return { status: 200, body: { ok: true, channel, ts: call.args.ts } };
      case 'views.open':
        return { status: 200, body: { ok: true, view: { id: `V${calls.length}` } } };
      case 'chat.postEphemeral':
        return { status: 200, body: { ok: true, message_ts: `${(ts += 1)}.000200` } };
      default:
        return { status: 200, body: { ok: true } };
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '';
      const isJson = (req.headers['content-type'] ?? '').includes('application/json');
      const args = (isJson ? JSON.parse(text || '{}') : parseForm(text)) as Record<string, unknown>;
      const method = url.startsWith('/response/') ? 'response_url' : url.replace(/^\/api\//, '').split('?')[0] ?? '';
      const call = { method, args };
      calls.push(call);
      const r = reply(call);
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(r.body));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** For WebClient's slackApiUrl and Bolt's clientOptions. */
    apiUrl: `${base}/api/`,
    responseUrl: (id: string) => `${base}/response/${id}`,
    calls,
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    failWith(next: (call: SlackCall) => SlackReply | undefined) {
      failWith = next;
    },
    /** Where apps.connections.open sends a Socket Mode client. */
    useSocket(url: string) {
      socketUrl = url;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export type SlackStandIn = Awaited<ReturnType<typeof startSlackStandIn>>;
