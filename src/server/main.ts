// `npm run server`: Countersign's HTTP server alone (health, metrics, approval pages, the agent
// gateway), against configured (or `npm start`'s embedded) services. `npm start` runs the same
// server in-process.
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadChannelKeys } from '../approvals/channel-keys.ts';
import { choosePolicyFile } from '../config/policy-file.ts';
import { gatewayPlugin } from '../gateway/gateway-plugin.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { loadConfig } from '../config/load-config.ts';
import { serviceAddresses } from '../config/service-addresses.ts';
import { createPool } from '../db/pool.ts';
import { createLogger } from '../logging/create-logger.ts';
import { createMetricsSource } from '../metrics/metrics-source.ts';
import { reportFailure } from '../start/report-failure.ts';
import { emailApprovalPlugin } from '../email/email-approval-plugin.ts';
import { createHttpServer } from './create-http-server.ts';
import { serviceChecks } from './health.ts';

try {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const { databaseUrl, temporalAddress } = serviceAddresses(config);
  const pool = createPool(databaseUrl, 10, (error) => log.warn({ err: error }, 'idle database connection lost; the pool replaces it'));
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const policy = await loadPolicy(choosePolicyFile(config.policyPath, process.cwd()));
  const keys = await loadChannelKeys({ env: config.env, keysDir: path.join(config.dataDir, 'keys'), generate: false });
  const plugins = [
    await emailApprovalPlugin(config, { pool, temporal, log }),
    gatewayPlugin({ pool, temporal, taskQueue: config.temporal.taskQueue, policy, channelKeys: keys.public, log, requestsPerMinute: config.gateway.requestsPerMinute }),
  ];
  const app = await createHttpServer({ log, checks: serviceChecks(pool, temporal), metrics: createMetricsSource(pool), plugins });
  const address = await app.listen({ host: config.http.host, port: config.http.port });
  log.info({ address, publicUrl: config.http.publicUrl }, 'server listening');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
  await pool.end();
  await connection.close();
} catch (error) {
  reportFailure(error);
  process.exitCode = 1;
}
