import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { findTemporalCli } from '../../src/temporal/find-temporal-cli.ts';
import { startDevServer } from '../../src/temporal/start-dev-server.ts';

export const DATA_DIR = path.resolve('.countersign');
/** Built once by test/support/prepare.ts before the test files run. */
export const BUNDLE_PATH = path.join(DATA_DIR, 'test-cache', 'workflow-bundle.js');

/** An in-memory Temporal dev server for one test file, from the same CLI finder `npm start` uses. */
export async function startTestTemporal(uiPort?: number): Promise<TestWorkflowEnvironment> {
  const cli = await findTemporalCli({
    configured: process.env.TEMPORAL_CLI,
    searchPath: process.env.PATH,
    dataDir: DATA_DIR,
  });
  return startDevServer({ cli, namespace: 'default', ...(uiPort === undefined ? {} : { uiPort }) });
}
