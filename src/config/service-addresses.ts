import { embeddedDatabaseUrl } from '../start/embedded-postgres.ts';
import type { Config } from './load-config.ts';

/** Where the services are: configured, or the embedded ones `npm start` runs. */
export function serviceAddresses(config: Config): { databaseUrl: string; temporalAddress: string } {
  return {
    databaseUrl: config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedPgPort),
    temporalAddress: config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`,
  };
}
