import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from '../logging/create-logger.ts';
import type { MetricsSource } from '../metrics/metrics-source.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { apiError } from '../gateway/api-schemas.ts';
import { answerClientError, answerFrameworkError } from './framework-errors.ts';
import { checkHealth, type HealthCheck } from './health.ts';

export interface HttpServerOptions {
  log: Logger;
  checks: Record<string, HealthCheck>;
  metrics: MetricsSource;
  /** More routes (the approval pages); the worker serves only health and metrics. */
  plugins?: FastifyPluginAsync[];
}

/** `GET /health` (200 or 503 with each check's answer) and `GET /metrics` (Prometheus text). */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = options.log.child({ component: 'http' });
  const app = Fastify({
    loggerInstance: logger,
    disableRequestLogging: true,
    // Action ids are at most 200 characters; a longer path segment is refused as too large.
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.get('/health', async (_request, reply) => {
    const health = await checkHealth(options.checks);
    return reply.code(health.ok ? 200 : 503).send({ status: health.ok ? 'ok' : 'unavailable', checks: health.checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await options.metrics.scrape();
    return reply.type(options.metrics.contentType).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(apiError(ErrorCode.NotFound, `no route ${request.method} ${request.url.split('?')[0] ?? ''}; the agent API is described at /v1/openapi.json`)),
  );
  for (const plugin of options.plugins ?? []) await app.register(plugin);
  return app;
}
