import type { Client } from '@temporalio/client';
import type { Pool } from '../db/pool.ts';

export type HealthCheck = () => Promise<void>;

export interface Health {
  ok: boolean;
  /** `ok`, or what the check failed with. */
  checks: Record<string, string>;
}

/** The dependencies a Countersign process cannot work without. */
export function serviceChecks(pool: Pool, temporal: Client): Record<string, HealthCheck> {
  return {
    postgres: async () => {
      await pool.query('SELECT 1');
    },
    temporal: async () => {
      await temporal.workflowService.getSystemInfo({});
    },
  };
}

/** Runs every check; each answers `ok` or its error, so the caller sees which one failed. */
export async function checkHealth(checks: Record<string, HealthCheck>): Promise<Health> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await check();
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return { ok: entries.every(([, result]) => result === 'ok'), checks: Object.fromEntries(entries) };
}
