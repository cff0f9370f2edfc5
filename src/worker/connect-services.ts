import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/load-config.ts';
import { embeddedDatabaseUrl } from '../start/embedded-postgres.ts';

/** Where the services are: configured, or the embedded ones `npm start` runs. */
export function serviceAddresses(config: Config): { databaseUrl: string; temporalAddress: string } {
  return {
    databaseUrl: config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedPgPort),
    temporalAddress: config.temporal.address ?? `127.0.0.1:${config.temporal.devPort}`,
  };
}

export async function connectTemporal(address: string, namespace: string) {
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  return { connection, nativeConnection, client: new Client({ connection, namespace }) };
}
