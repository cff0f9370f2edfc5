// Runs once before the test files: installs the Temporal CLI if needed (so parallel test files
// never race to install it), checks that PostgreSQL answers and builds the workflow bundle.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import pg from 'pg';
import { WORKFLOWS_PATH } from '../../src/worker/create-worker.ts';
import { findTemporalCli } from '../../src/temporal/find-temporal-cli.ts';
import { BUNDLE_PATH, DATA_DIR } from './test-temporal.ts';

const cli = await findTemporalCli({
  configured: process.env.TEMPORAL_CLI,
  searchPath: process.env.PATH,
  dataDir: DATA_DIR,
  log: (m) => console.log(`[prepare] ${m}`),
});
console.log(`[prepare] Temporal CLI: ${cli.kind === 'path' ? `${cli.path} (${cli.source})` : 'SDK download'}`);

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
  await client.query('SELECT 1');
} catch (error) {
  console.error(
    `[prepare] PostgreSQL at ${url} does not answer (${error instanceof Error ? error.message : String(error)}); ` +
      'start it or set TEST_DATABASE_URL',
  );
  process.exit(1);
} finally {
  await client.end().catch(() => undefined);
}

// One workflow bundle for every test file (bundling takes seconds; the code is the same).
const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
await mkdir(path.dirname(BUNDLE_PATH), { recursive: true });
await writeFile(BUNDLE_PATH, bundle.code);
console.log(`[prepare] workflow bundle: ${path.relative(process.cwd(), BUNDLE_PATH)}`);
