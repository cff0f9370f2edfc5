import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

/** A client connection (for starting and signalling) and a native one (for the worker). */
export async function connectTemporal(address: string, namespace: string) {
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  return { connection, nativeConnection, client: new Client({ connection, namespace }) };
}
