// `npm run worker`: the worker alone, against configured (or `npm start`'s embedded) services.
import path from 'node:path';
import { loadChannelKeys } from '../approvals/channel-keys.ts';
import { loadConfig } from '../config/load-config.ts';
import { choosePolicyFile } from '../config/policy-file.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { createPool } from '../db/pool.ts';
import { createLogger } from '../logging/create-logger.ts';
import { forwardTemporalLogs } from '../logging/forward-temporal-logs.ts';
import { reportFailure } from '../start/report-failure.ts';
import { serviceAddresses } from '../config/service-addresses.ts';
import { createMetricsSource } from '../metrics/metrics-source.ts';
import { createHttpServer } from '../server/create-http-server.ts';
import { serviceChecks } from '../server/health.ts';
import { connectTemporal } from './connect-services.ts';
import { runWorker } from './run-worker.ts';
import { slackNotifierFor } from '../../slack-app/run-slack-app.ts';

try {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  forwardTemporalLogs(log);
  const { databaseUrl, temporalAddress } = serviceAddresses(config);
  const pool = createPool(databaseUrl, 10, (error) => log.warn({ err: error }, 'idle database connection lost; the pool replaces it'));
  const temporal = await connectTemporal(temporalAddress, config.temporal.namespace);
  const policy = await loadPolicy(choosePolicyFile(config.policyPath, process.cwd()));
  const keys = await loadChannelKeys({ env: config.env, keysDir: path.join(config.dataDir, 'keys'), generate: false });
  // The composition root may reach into slack-app/; src/ below it never does.
  const worker = await runWorker(config, { pool, ...temporal }, policy, keys.public, log, slackNotifierFor(config, policy, pool, log));
  process.once('SIGINT', () => worker.stop());
  process.once('SIGTERM', () => worker.stop());
  // Health and metrics for the orchestrator and Prometheus; the port is per worker container.
  // Healthy means polling too, so a worker that stopped is restarted, not reported fine.
  const checks = { ...serviceChecks(pool, temporal.client), worker: worker.checkRunning };
  const http = config.http.workerPort === 0 ? undefined : await createHttpServer({ log, checks, metrics: createMetricsSource(pool) });
  try {
    if (http) log.info({ address: await http.listen({ host: config.http.host, port: config.http.workerPort }) }, 'worker health and metrics listening');
    await worker.done;
  } finally {
    // Whatever ended it (a signal, a failed listen, the worker failing), nothing is left running.
    worker.stop();
    await worker.done.catch(() => undefined);
    await http?.close();
  }
  await pool.end();
  await temporal.connection.close();
  await temporal.nativeConnection.close();
} catch (error) {
  reportFailure(error);
  process.exitCode = 1;
}
