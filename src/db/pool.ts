import pg from 'pg';

export type Pool = pg.Pool;
export type DbClient = pg.PoolClient;

// bigint columns (audit seq) come back as strings; keep them so, JSON-safe and exact.
export function createPool(databaseUrl: string, max = 10, onIdleError: (error: Error) => void = () => undefined): Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // An idle connection that the server closes (restart, failover) is dropped by the pool and
  // replaced on next use; without a listener its error would crash the process.
  pool.on('error', onIdleError);
  return pool;
}

/** Runs `work` in one transaction; rolls back and rethrows on any error. */
export async function inTransaction<T>(pool: Pool, work: (client: DbClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
