import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/load-config.ts';
import { choosePolicyFile } from '../config/policy-file.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { serviceAddresses } from '../config/service-addresses.ts';
import { createPool } from '../db/pool.ts';
import { CountersignError } from '../errors/countersign-error.ts';
import { loadCliPrivateKey } from './cli-key.ts';
import { buildProgram, runCli } from './program.ts';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
const err = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The CLI's composition root: configuration, services, keys; then one command. */
async function main(argv: readonly string[]): Promise<number> {
  const config = loadConfig(process.env);
  const { databaseUrl, temporalAddress } = serviceAddresses(config);
  const keysDir = path.join(config.dataDir, 'keys');
  const cliPrivateKey = await loadCliPrivateKey(config.env, keysDir);
  const pool = createPool(databaseUrl, 2);
  // Lazy: `policy check` never dials Temporal.
  const connection = Connection.lazy({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  try {
    const program = buildProgram({
      pool,
      temporal,
      taskQueue: config.temporal.taskQueue,
      namespace: config.temporal.namespace,
      uiUrl: config.temporal.uiUrl,
      cliPrivateKey,
      operator: config.env.COUNTERSIGN_OPERATOR?.trim() || undefined,
      loadPolicy: () => loadPolicy(choosePolicyFile(config.policyPath, process.cwd())),
      out,
      err,
    });
    return await runCli(program, argv);
  } finally {
    await connection.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

try {
  process.exitCode = await main(process.argv);
} catch (error) {
  // Known errors are one line; anything else still never shows a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CountersignError) for (const line of message.split('\n')) err(line);
  else err(`countersign: ${message.split('\n')[0] ?? 'unexpected error'}`);
  process.exitCode = 1;
}
