import rateLimit from '@fastify/rate-limit';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { findAgentKey } from '../agent-keys/agent-key-store.ts';
import { CountersignError, ErrorCode } from '../errors/countersign-error.ts';
import { RequestInvalidError } from '../errors/request-errors.ts';
import { zodIssues } from '../errors/zod-issues.ts';
import type { Logger } from '../logging/create-logger.ts';
import { PolicyRefusalError } from '../policy/policy-refusal.ts';
import type { AgentApi } from './agent-api.ts';
import { ActionIdParamsSchema, apiError, GetActionQuerySchema } from './api-schemas.ts';
import { authenticateAgent, type AuthenticatedAgent } from './authenticate-agent.ts';
import { errorStatus } from './error-status.ts';
import { openApiDocument } from './openapi.ts';
import { agentMcpServer } from './mcp-server.ts';

export interface GatewayOptions {
  api: AgentApi;
  findKey: (keyId: string) => ReturnType<typeof findAgentKey>;
  log: Logger;
  /** Requests one key may make per minute, counted by the gateway; past it, 429 with Retry-After. */
  requestsPerMinute: number;
}

/** Largest request body: a draft of 1,000,000 characters, JSON-escaped, and the rest. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    agent?: AuthenticatedAgent;
  }
}

/** Any error as the API's JSON answer; only what no agent input can cause is a 5xx. */
function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply, log: Logger): FastifyReply {
  if (error instanceof CountersignError) {
    const extra = {
      ...(error instanceof PolicyRefusalError ? { rule: error.rule } : {}),
      ...(error instanceof RequestInvalidError ? { issues: [...error.issues] } : {}),
    };
    const status = errorStatus(error.code);
    // Refused keys are logged, not audited: a stranger must not be able to write to the chain.
    if (status === 401) log.info({ code: error.code, ip: request.ip, url: request.routeOptions.url }, 'agent key refused');
    return reply.code(status).send(apiError(error.code, error.message, extra));
  }
  const fastifyError = error as Partial<FastifyError> & { retryAfterSeconds?: number };
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) {
    return reply.code(429).send(apiError(ErrorCode.TooManyRequests, fastifyError.message ?? 'too many requests', { retryAfterSeconds: fastifyError.retryAfterSeconds ?? 1 }));
  }
  if (status === 413) {
    return reply.code(413).send(apiError(ErrorCode.RequestTooLarge, `the request body is larger than ${MAX_BODY_BYTES} bytes; a draft may hold at most 1,000,000 characters`));
  }
  if (status >= 400 && status < 500) {
    // The body parser's refusals: not JSON, wrong content type, an empty body, a bad length.
    return reply.code(status).send(apiError(ErrorCode.RequestMalformed, `${fastifyError.message ?? 'malformed request'}; send a JSON object with Content-Type: application/json`));
  }
  log.error({ err: error, method: request.method, url: request.routeOptions.url }, 'gateway request failed');
  return reply.code(500).send(apiError('internal_error', 'Countersign could not answer this request; it is logged, and an operator can see why'));
}

/**
 * The agent gateway: `/v1` (JSON) and `/mcp` (Model Context Protocol over streamable HTTP). An
 * agent's key is its identity, its actions are the only ones it sees, and everything it may do
 * goes through the same startAction, rules and trail as every other caller.
 */
export function gatewayRoutes(options: GatewayOptions): FastifyPluginAsync {
  const { api, log } = options;
  return async (app) => {
    app.setErrorHandler((error, request, reply) => answerError(error, request, reply, log));
    app.get('/v1/openapi.json', (_request, reply) => reply.send(openApiDocument()));

    // Every other route: the agent's key first, then that key's request budget.
    await app.register(async (agentRoutes) => {
      agentRoutes.addHook('onRequest', async (request) => {
        request.agent = await authenticateAgent(request.headers.authorization, options.findKey);
      });
      // preParsing follows onRequest, so the budget is counted per key, before the body is read.
      await agentRoutes.register(rateLimit, {
        hook: 'preParsing',
        max: options.requestsPerMinute,
        timeWindow: 60_000,
        keyGenerator: (request) => request.agent?.keyId ?? request.ip,
        errorResponseBuilder: (_request, context) => ({
          statusCode: 429,
          message: `this key may make ${context.max} requests per minute; wait ${Math.ceil(context.ttl / 1000)} s (Retry-After) and send it again`,
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        }),
      });
      const agentOf = (request: FastifyRequest): AuthenticatedAgent => {
        if (!request.agent) throw new CountersignError(ErrorCode.ApiKeyMissing, 'send your agent key as "Authorization: Bearer csk_…"');
        return request.agent;
      };
      const idOf = (params: unknown): string => {
        const parsed = ActionIdParamsSchema.safeParse(params);
        if (!parsed.success) throw new RequestInvalidError(zodIssues(parsed.error));
        return parsed.data.id;
      };
      const closed = (reply: FastifyReply): AbortSignal => {
        const gone = new AbortController();
        reply.raw.once('close', () => gone.abort());
        return gone.signal;
      };

      agentRoutes.post('/v1/actions', { bodyLimit: MAX_BODY_BYTES }, async (request, reply) => {
        const header = request.headers['idempotency-key'];
        // Node joins a repeated header into one "a, b" value, so count the raw header lines.
        const sent = request.raw.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'idempotency-key').length;
        if (sent > 1 || Array.isArray(header)) throw new RequestInvalidError([{ path: 'Idempotency-Key', message: 'send the header once' }]);
        const answer = await api.submit(agentOf(request), request.body, header);
        return reply.code(answer.kind === 'allowed' ? 200 : 202).header('location', answer.links.self).send(answer);
      });

      agentRoutes.get('/v1/actions/:id', async (request, reply) => {
        const query = GetActionQuerySchema.safeParse(request.query);
        if (!query.success) throw new RequestInvalidError(zodIssues(query.error));
        const id = idOf(request.params);
        const { wait, state } = query.data;
        if (wait === undefined) return api.read(agentOf(request), id);
        return api.read(agentOf(request), id, { seconds: wait, ...(state === undefined ? {} : { state }), signal: closed(reply) });
      });

      agentRoutes.post('/v1/actions/:id/rollback', async (request, reply) => {
        const answer = await api.rollback(agentOf(request), idOf(request.params), request.body ?? {});
        return reply.code(202).send(answer);
      });

      // MCP, stateless: each POST carries its own key and gets its own server and transport.
      agentRoutes.post('/mcp', { bodyLimit: MAX_BODY_BYTES }, async (request, reply) => {
        const signal = closed(reply);
        const server = agentMcpServer(api, agentOf(request), signal);
        const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
        reply.raw.once('close', () => {
          void transport.close();
          void server.close();
        });
        await server.connect(transport);
        reply.hijack();
        await transport.handleRequest(request.raw, reply.raw, request.body);
      });
      for (const method of ['GET', 'DELETE'] as const) {
        agentRoutes.route({
          method,
          url: '/mcp',
          handler: (_request, reply) => reply.code(405).header('allow', 'POST').send(apiError(ErrorCode.RequestMalformed, 'this MCP server is stateless: send each JSON-RPC message as a POST')),
        });
      }
    });
  };
}
