import type { CustomRoute } from '@slack/bolt';
import { checkHealth, serviceChecks } from '../src/server/health.ts';
import type { SlackAppDeps } from './slack-app-deps.ts';

/** `GET /health` beside Slack's path (both modes serve it): 200 when PostgreSQL and Temporal answer. */
export function healthRoute(deps: Pick<SlackAppDeps, 'pool' | 'temporal'>): CustomRoute {
  return {
    path: '/health',
    method: ['GET'],
    handler: (_request, response) => {
      void checkHealth(serviceChecks(deps.pool, deps.temporal)).then((health) => {
        response.writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: health.ok ? 'ok' : 'unavailable', checks: health.checks }));
      });
    },
  };
}
