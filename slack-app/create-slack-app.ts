import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { ConfigInvalidError } from '../src/errors/request-errors.ts';
import { register as registerActions } from './actions/index.ts';
import { register as registerCommands } from './commands/index.ts';
import { register as registerEvents } from './events/index.ts';
import { healthRoute } from './health-route.ts';
import type { SlackAppDeps } from './slack-app-deps.ts';
import { slackLogger } from './slack-logger.ts';
import { register as registerViews } from './views/index.ts';

export interface SlackAppOptions {
  botToken: string;
  /** HTTP: checks every request's signature (Bolt's receiver refuses forged and stale ones). */
  signingSecret?: string | undefined;
  /** Set: Socket Mode, no public URL needed. */
  appToken?: string | undefined;
  /** Slack's Web API base; tests point it at a loopback stand-in. */
  apiUrl?: string | undefined;
  port: number;
  host?: string;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP receiver's port (Socket Mode: undefined). */
  port: number | undefined;
  stop(): Promise<void>;
}

/** The paths Slack posts to: interactivity, slash commands and events share one (manifest.yaml). */
export const EVENTS_PATH = '/slack/events';

/**
 * Starts the Bolt app: over HTTP with Bolt's HTTPReceiver (its own port), or over Socket Mode
 * when an app-level token is set. Listeners ack first and call Temporal after.
 */
export async function startSlackApp(options: SlackAppOptions, deps: SlackAppDeps): Promise<RunningSlackApp> {
  const logger = slackLogger(deps.log);
  // After the ack, a reply that Slack cannot take is retried a little, not for Bolt's default half hour.
  const clientOptions = { retryConfig: { retries: 2, maxTimeout: 2_000 }, ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}) };
  let app: App;
  let receiver: HTTPReceiver | undefined;
  const customRoutes = [healthRoute(deps)];
  if (options.appToken) {
    // Socket Mode needs no public URL; the port then serves only the health check.
    app = new App({ token: options.botToken, appToken: options.appToken, socketMode: true, logger, clientOptions, customRoutes, installerOptions: { port: options.port, clientOptions } });
  } else {
    if (!options.signingSecret) {
      throw new ConfigInvalidError([{ path: 'SLACK_SIGNING_SECRET', message: 'set it (app settings → Basic Information → Signing Secret), or SLACK_APP_TOKEN for Socket Mode' }]);
    }
    receiver = new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: EVENTS_PATH, logger, customRoutes });
    app = new App({ token: options.botToken, receiver, logger, clientOptions });
  }
  registerActions(app, deps);
  registerViews(app, deps);
  registerCommands(app, deps);
  registerEvents(app, deps);
  app.error((error) => {
    deps.log.error({ err: error }, 'slack listener failed');
    return Promise.resolve();
  });
  let port: number | undefined;
  if (receiver) {
    const server: Server = await receiver.start({ port: options.port, host: options.host ?? '0.0.0.0' });
    port = (server.address() as AddressInfo).port;
  } else {
    await app.start();
  }
  deps.log.info({ mode: receiver ? 'http' : 'socket', port }, 'slack app running');
  return { app, port, stop: () => app.stop() as Promise<void> };
}
