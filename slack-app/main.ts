// `npm run slack`: the Slack app alone, against the
// configured (or `npm start`'s embedded) PostgreSQL and Temporal. Needs SLACK_BOT_TOKEN and
// SLACK_SIGNING_SECRET (HTTP, on COUNTERSIGN_SLACK_PORT) or SLACK_APP_TOKEN (Socket Mode), and
// the Slack channel's private key (COUNTERSIGN_SLACK_PRIVATE_KEY or <data>/keys/slack.key).
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadChannelKey } from '../src/approvals/channel-keys.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { choosePolicyFile } from '../src/config/policy-file.ts';
import { serviceAddresses } from '../src/config/service-addresses.ts';
import { createPool } from '../src/db/pool.ts';
import { ConfigInvalidError } from '../src/errors/request-errors.ts';
import { createLogger } from '../src/logging/create-logger.ts';
import { loadPolicy } from '../src/policy/load-policy.ts';
import { reportFailure } from '../src/start/report-failure.ts';
import { runSlackApp, slackAppMissing } from './run-slack-app.ts';

try {
  const config = loadConfig(process.env);
  const missing = slackAppMissing(config);
  if (missing) throw new ConfigInvalidError([{ path: 'SLACK_*', message: `${missing}; see docs/operators.md "Slack"` }]);
  const log = createLogger(config.logLevel);
  const policy = await loadPolicy(choosePolicyFile(config.policyPath, process.cwd()));
  const { databaseUrl, temporalAddress } = serviceAddresses(config);
  const key = await loadChannelKey('slack', { env: config.env, keysDir: path.join(config.dataDir, 'keys'), generate: false });
  if (!key.privateKey) throw new ConfigInvalidError([{ path: 'COUNTERSIGN_SLACK_PRIVATE_KEY', message: 'the Slack app signs decisions: set the private key (only the public one was found)' }]);
  const pool = createPool(databaseUrl, 5, (error) => log.warn({ err: error }, 'idle database connection lost; the pool replaces it'));
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const slack = await runSlackApp(config, { pool, temporal, log }, policy, key.privateKey);
  const stop = async () => {
    await slack.stop();
    await connection.close();
    await pool.end();
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
} catch (error) {
  reportFailure(error);
  process.exitCode = 1;
}
