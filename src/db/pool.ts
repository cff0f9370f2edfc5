import pg from 'pg';

export type Pool = pg.Pool;
export type DbClient = pg.PoolClient;

// bigint columns (audit seq) come back as strings; keep them so, JSON-safe and exact.
export function createPool(databaseUrl: string, max = 10): Pool {
  return new pg.Pool({ connectionString: databaseUrl, max });
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
