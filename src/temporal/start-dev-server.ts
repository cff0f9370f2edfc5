import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TemporalCli } from './find-temporal-cli.ts';
import { SEARCH_ATTRIBUTES } from './search-attributes.ts';

export interface DevServerOptions {
  cli: TemporalCli;
  namespace: string;
  /** Persist to this SQLite file; in memory when absent (fastest, for tests). */
  dbFilename?: string;
  /** Fixed frontend port; a free one when absent. */
  port?: number;
  /** Serve the Web UI on this port. */
  uiPort?: number;
}

/**
 * Runs `temporal server start-dev` with Countersign's search attributes registered. Both
 * `npm start` and the tests use it, with the CLI the finder chose.
 */
export async function startDevServer(options: DevServerOptions): Promise<TestWorkflowEnvironment> {
  const executable =
    options.cli.kind === 'path'
      ? { type: 'existing-path' as const, path: options.cli.path }
      : { type: 'cached-download' as const, downloadDir: options.cli.downloadDir };
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      namespace: options.namespace,
      ip: '127.0.0.1',
      ...(options.dbFilename === undefined ? {} : { dbFilename: options.dbFilename }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.uiPort === undefined ? {} : { ui: true, uiPort: options.uiPort }),
      searchAttributes: SEARCH_ATTRIBUTES,
    },
  });
}
