import { z } from 'zod';
import type { Pool } from '../db/pool.ts';
import { MetricsFold } from './fold-event.ts';
import { createMetricSet, type MetricSet } from './metric-set.ts';

const BATCH = 5000;

const TailRowSchema = z.object({
  seq: z.coerce.string(),
  type: z.string(),
  occurred_at: z.date(),
  action_id: z.string().nullable(),
  actor: z.string(),
  payload: z.record(z.string(), z.unknown()),
  agent_id: z.string().nullable(),
  action: z.string().nullable(),
  tier: z.number().nullable(),
});

export interface MetricsSource {
  metrics: MetricSet;
  /** Reads the audit trail up to now and returns the Prometheus text exposition. */
  scrape(): Promise<string>;
  contentType: string;
}

/**
 * Metrics computed from the audit trail and the read model, so every process that serves them
 * (the worker, the server) reports the same totals, whoever wrote the events, and a restart
 * loses nothing: the trail is read from its start, then incrementally at each scrape.
 */
export function createMetricsSource(pool: Pool): MetricsSource {
  const metrics = createMetricSet();
  const fold = new MetricsFold(metrics);
  let cursor = '0';
  let reading: Promise<void> = Promise.resolve();

  async function readTrail(): Promise<void> {
    for (;;) {
      const { rows } = await pool.query(
        `SELECT e.seq, e.type, e.occurred_at, e.action_id, e.actor, e.payload, a.agent_id, a.action, a.tier
         FROM audit_events e LEFT JOIN actions a ON a.action_id = e.action_id
         WHERE e.seq > $1 ORDER BY e.seq LIMIT ${BATCH}`,
        [cursor],
      );
      for (const raw of rows) {
        const row = TailRowSchema.parse(raw);
        fold.apply({
          seq: row.seq,
          type: row.type,
          occurredAt: row.occurred_at,
          actionId: row.action_id,
          actor: row.actor,
          payload: row.payload,
          agent: row.agent_id,
          action: row.action,
          tier: row.tier,
        });
        cursor = row.seq;
      }
      if (rows.length < BATCH) break;
    }
    metrics.auditEvents.set(Number(cursor));
  }

  async function readState(): Promise<void> {
    const [freeze, states] = await Promise.all([
      pool.query<{ frozen: boolean }>('SELECT frozen FROM kill_switch WHERE id = 1'),
      pool.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM actions GROUP BY state'),
    ]);
    metrics.frozen.set(freeze.rows[0]?.frozen ? 1 : 0);
    metrics.actionsInState.reset();
    for (const row of states.rows) metrics.actionsInState.set({ state: row.state }, Number(row.n));
  }

  return {
    metrics,
    contentType: metrics.registry.contentType,
    async scrape() {
      // Overlapping scrapes read one after the other, so the fold sees each event exactly once;
      // a failed read fails its scrape only, and the next one resumes from the cursor.
      reading = reading.catch(() => undefined).then(() => Promise.all([readTrail(), readState()])).then(() => undefined);
      await reading;
      return metrics.registry.metrics();
    },
  };
}
