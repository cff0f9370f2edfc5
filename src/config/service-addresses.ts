import type { Config } from './load-config.ts';

export const EMBEDDED_DATABASE = 'countersign';
// Bound to 127.0.0.1 and local to this machine's data folder; not a production credential.
export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'countersign';

export function embeddedDatabaseUrl(port: number): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** Where the services are: configured, or the embedded ones `npm start` runs. */
export function serviceAddresses(config: Config): { databaseUrl: string; temporalAddress: string } {
  return {
    databaseUrl: config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedPgPort),
    temporalAddress: config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`,
  };
}
