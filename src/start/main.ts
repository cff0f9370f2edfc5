// `npm start`: Countersign on embedded defaults (DESIGN.md "Running it"). PostgreSQL and the
// Temporal dev server run here unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere; then
// migrations, then the worker. Ctrl-C stops everything this process started.
import path from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { choosePolicyFile } from '../config/policy-file.ts';
import { migrate } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { createLogger } from '../logging/create-logger.ts';
import { forwardTemporalLogs } from '../logging/forward-temporal-logs.ts';
import { loadChannelKeys } from '../approvals/channel-keys.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { findTemporalCli } from '../temporal/find-temporal-cli.ts';
import { startDevServer } from '../temporal/start-dev-server.ts';
import { serviceAddresses } from '../config/service-addresses.ts';
import { createMetricsSource } from '../metrics/metrics-source.ts';
import { emailApprovalPlugin } from '../email/email-approval-plugin.ts';
import { gatewayPlugin } from '../gateway/gateway-plugin.ts';
import { createHttpServer } from '../server/create-http-server.ts';
import { serviceChecks } from '../server/health.ts';
import { connectTemporal } from '../worker/connect-services.ts';
import { runWorker } from '../worker/run-worker.ts';
import { runSlackApp, slackAppMissing, slackNotifierFor } from '../../slack-app/run-slack-app.ts';
import { DEMO_AGENT, issueDemoKey } from './demo-agent-key.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { reportFailure } from './report-failure.ts';

const say = (line: string): void => console.log(`countersign: ${line}`);
const stops: Array<() => Promise<void>> = [];
let stopWorker: (() => void) | undefined;

// Ctrl-C drains the worker first, then stops what this process started, newest first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping`);
    if (stopWorker) stopWorker();
    else void stopAll().then(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  forwardTemporalLogs(log);

  const policyFile = choosePolicyFile(config.policyPath, process.cwd());
  const policy = await loadPolicy(policyFile);
  say(`policy ${path.relative(process.cwd(), policyFile) || policyFile} loaded (version ${policy.version})`);

  if (config.databaseUrl === undefined) {
    const postgres = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, (line) => log.debug({ component: 'postgres' }, line));
    stops.unshift(() => postgres.stop());
    say(`PostgreSQL ${postgres.created ? 'created' : 'started'} in ${path.join(config.dataDir, 'postgres')} on 127.0.0.1:${config.embeddedPgPort}`);
  }

  if (config.temporal.address === undefined) {
    const cli = await findTemporalCli({ configured: config.temporal.cli, searchPath: process.env.PATH, dataDir: config.dataDir, log: say });
    const devServer = await startDevServer({
      cli,
      namespace: config.temporal.namespace,
      dbFilename: path.join(config.dataDir, 'temporal.db'),
      port: config.temporal.devPort,
      uiPort: config.temporal.uiPort,
    });
    stops.unshift(() => devServer.teardown());
    say(`Temporal dev server on 127.0.0.1:${config.temporal.devPort} (${cli.kind === 'path' ? cli.path : 'SDK download'})`);
    say(`Temporal Web UI: http://localhost:${config.temporal.uiPort}`);
  }

  const { databaseUrl, temporalAddress } = serviceAddresses(config);
  const applied = await migrate(databaseUrl, (m) => log.debug({ component: 'migrate' }, m));
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');

  const pool = createPool(databaseUrl, 10, (error) => log.warn({ err: error }, 'idle database connection lost; the pool replaces it'));
  stops.unshift(() => pool.end());
  const temporal = await connectTemporal(temporalAddress, config.temporal.namespace);
  stops.unshift(async () => {
    await temporal.connection.close();
    await temporal.nativeConnection.close();
  });
  const keys = await loadChannelKeys({ env: config.env, keysDir: path.join(config.dataDir, 'keys'), generate: true });
  const worker = await runWorker(config, { pool, ...temporal }, policy, keys.public, log, slackNotifierFor(config, policy, pool, log));
  stopWorker = () => worker.stop();
  const plugins = [
    await emailApprovalPlugin(config, { pool, temporal: temporal.client, log }, keys.private.email),
    gatewayPlugin({ pool, temporal: temporal.client, taskQueue: config.temporal.taskQueue, policy, channelKeys: keys.public, log, requestsPerMinute: config.gateway.requestsPerMinute }),
  ];
  const checks = { ...serviceChecks(pool, temporal.client), worker: worker.checkRunning };
  const http = await createHttpServer({ log, checks, metrics: createMetricsSource(pool), plugins });
  stops.unshift(() => http.close());
  await http.listen({ host: config.http.host, port: config.http.port });
  say(`HTTP server: ${config.http.publicUrl} (health: /health, metrics: /metrics, approval links: /approvals/…)`);
  say(`agent gateway: ${config.http.publicUrl}/v1 (OpenAPI: ${config.http.publicUrl}/v1/openapi.json); MCP: ${config.http.publicUrl}/mcp`);
  const demoKey = await issueDemoKey(pool, policy, config.dataDir);
  if (demoKey) say(`agent key for the demo agent ${DEMO_AGENT} issued into ${path.relative(process.cwd(), demoKey) || demoKey} (npm run demo uses it)`);
  if (!config.email.smtpUrl) say('email approvals off: set SMTP_URL to mail approvers');
  // The composition root may reach into slack-app/; src/ below it never does.
  const slackOff = slackAppMissing(config);
  if (slackOff || !keys.private.slack) say(`Slack app off: ${slackOff ?? 'no private key for the slack channel'} (docs/operators.md "Slack")`);
  else {
    const slack = await runSlackApp(config, { pool, temporal: temporal.client, log }, policy, keys.private.slack);
    stops.unshift(() => slack.stop());
    say(slack.port === undefined ? 'Slack app connected over Socket Mode' : `Slack app: POST http://<host>:${slack.port}/slack/events`);
  }
  say(`worker polling task queue ${config.temporal.taskQueue}; press Ctrl-C to stop`);
  await worker.done;
}

async function stopAll(): Promise<void> {
  // Each stop runs once, newest first (worker connections, pool, Temporal, PostgreSQL).
  for (const stop of stops.splice(0)) await stop().catch((error: unknown) => reportFailure(error));
}

try {
  await main();
  await stopAll();
  say('stopped');
} catch (error) {
  reportFailure(error);
  await stopAll();
  process.exitCode = 1;
}
