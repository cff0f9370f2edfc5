import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PoolClient } from 'pg';
import { inTransaction } from '../db/pool.ts';
import { ErrorCode } from '../errors/countersign-error.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { consumeRateLimits } from './consume-rate-limits.ts';
import { PolicyRefusalError } from './policy-refusal.ts';
import type { RateLimit } from './rate-limits.ts';

const HOUR = 3_600_000;
const now = new Date('2026-03-04T10:00:00Z');

function agentLimit(subject: string, count: number, windowMs = HOUR): RateLimit {
  return { rule: `rate_limits.agents.${subject}`, scope: 'agent', subject, count, windowMs };
}

function actionLimit(subject: string, count: number, windowMs = HOUR): RateLimit {
  return { rule: `rate_limits.actions.${subject}`, scope: 'action', subject, count, windowMs };
}

function isRateLimited(rule: string) {
  return (error: unknown) => {
    assert.ok(error instanceof PolicyRefusalError, String(error));
    assert.equal(error.code, ErrorCode.RateLimited);
    assert.equal(error.rule, rule);
    return true;
  };
}

describe('consumeRateLimits', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db.drop();
  });

  const consume = (limits: RateLimit[], actionId: string, at = now) =>
    inTransaction(db.pool, (client) => consumeRateLimits(client, limits, actionId, at));

  async function hits(scope: string, subject: string): Promise<number> {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM rate_limit_hits WHERE scope = $1 AND subject = $2',
      [scope, subject],
    );
    return rows[0]?.n ?? 0;
  }

  it('records a hit per request until the limit, then refuses naming the limit and what to do', async () => {
    const limit = agentLimit('bounty-hunter', 2);
    await consume([limit], 'a-1');
    await consume([limit], 'a-2');
    await assert.rejects(consume([limit], 'a-3'), (error: unknown) => {
      isRateLimited('rate_limits.agents.bounty-hunter')(error);
      assert.equal(
        (error as Error).message,
        'agent bounty-hunter may request 2 actions per 1h; 2 were requested in the last 1h; wait or raise rate_limits.agents.bounty-hunter',
      );
      return true;
    });
    assert.equal(await hits('agent', 'bounty-hunter'), 2);
  });

  it('names an action limit as shared by all agents', async () => {
    const limit = actionLimit('create_pull_request', 1, 24 * HOUR);
    await consume([limit], 'p-1');
    await assert.rejects(consume([limit], 'p-2'), (error: unknown) => {
      assert.equal(
        (error as Error).message,
        'action create_pull_request may be requested 1 time per 1d by all agents together; 1 was requested in the last 1d; ' +
          'wait or raise rate_limits.actions.create_pull_request',
      );
      return true;
    });
  });

  it('forgets hits older than the window', async () => {
    const limit = agentLimit('window-bot', 1);
    await consume([limit], 'w-1', new Date(now.getTime() - 2 * HOUR));
    await consume([limit], 'w-2', now);
    await assert.rejects(consume([limit], 'w-3', new Date(now.getTime() + HOUR - 1)), isRateLimited(limit.rule));
    await consume([limit], 'w-4', new Date(now.getTime() + HOUR));
  });

  it('records nothing when any one limit refuses', async () => {
    const agent = agentLimit('partial-bot', 5);
    const action = actionLimit('partial_action', 1);
    await consume([action], 'x-1');
    await assert.rejects(consume([agent, action], 'x-2'), isRateLimited(action.rule));
    assert.equal(await hits('agent', 'partial-bot'), 0);
    assert.equal(await hits('action', 'partial_action'), 1);
  });

  it('does not count a retried action twice', async () => {
    const limit = agentLimit('retry-bot', 1);
    await consume([limit], 'r-1');
    await consume([limit], 'r-1');
    assert.equal(await hits('agent', 'retry-bot'), 1);
  });

  it('gives the last slot to exactly one of two concurrent transactions', async () => {
    const limit = agentLimit('race-bot', 3);
    await consume([limit], 'race-0');
    await consume([limit], 'race-1');
    const clients = await Promise.all([db.pool.connect(), db.pool.connect()]);
    try {
      // Both transactions are open before either asks, so neither can see the other's hit
      // unless the lock orders them.
      await Promise.all(clients.map((client) => client.query('BEGIN')));
      const attempt = async (client: PoolClient, actionId: string) => {
        try {
          await consumeRateLimits(client, [limit], actionId, now);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      };
      const results = await Promise.allSettled(clients.map((client, i) => attempt(client, `race-${i + 2}`)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1);
      assert.ok(refused[0]?.status === 'rejected' && isRateLimited(limit.rule)(refused[0].reason));
    } finally {
      for (const client of clients) client.release();
    }
    assert.equal(await hits('agent', 'race-bot'), 3);
  });

  it('admits exactly as many as the limit when many race at once', async () => {
    const limit = actionLimit('stampede', 3);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => consume([agentLimit(`stampede-agent-${i % 2}`, 100), limit], `s-${i}`)),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 3);
    for (const r of results) if (r.status === 'rejected') isRateLimited(limit.rule)(r.reason);
    assert.equal(await hits('action', 'stampede'), 3);
  });
});
