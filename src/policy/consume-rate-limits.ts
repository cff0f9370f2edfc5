import type { ClientBase } from 'pg';
import { ErrorCode } from '../errors/countersign-error.ts';
import { formatDuration } from './format-duration.ts';
import { PolicyRefusalError } from './policy-refusal.ts';
import type { RateLimit } from './rate-limits.ts';

function lockKey(limit: RateLimit): string {
  return `countersign:rate_limit:${limit.scope}:${limit.subject}`;
}

function refusal(limit: RateLimit, used: number): PolicyRefusalError {
  const window = formatDuration(limit.windowMs);
  const allowed =
    limit.scope === 'agent'
      ? `agent ${limit.subject} may request ${limit.count} ${limit.count === 1 ? 'action' : 'actions'} per ${window}`
      : `action ${limit.subject} may be requested ${limit.count} ${limit.count === 1 ? 'time' : 'times'} per ${window} by all agents together`;
  return new PolicyRefusalError(
    ErrorCode.RateLimited,
    limit.rule,
    `${allowed}; ${used} ${used === 1 ? 'was' : 'were'} requested in the last ${window}; wait or raise ${limit.rule}`,
  );
}

/**
 * Counts the action against each limit, or refuses it with PolicyRefusalError(RateLimited)
 * naming the limit. Call it inside the caller's transaction (READ COMMITTED, PostgreSQL's
 * default): the advisory locks are held until that transaction ends, so concurrent requests from
 * any number of processes count one after another and never both take the last slot. If any limit
 * refuses, nothing is recorded. An action already counted against a limit (a retried start) is not
 * counted again.
 */
export async function consumeRateLimits(
  client: ClientBase,
  limits: readonly RateLimit[],
  actionId: string,
  now: Date,
): Promise<void> {
  // One global lock order, so two requests sharing two limits cannot deadlock.
  const ordered = [...limits].sort((a, b) => (lockKey(a) < lockKey(b) ? -1 : lockKey(a) > lockKey(b) ? 1 : 0));
  for (const limit of ordered) {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(limit)]);
  }
  const toRecord: RateLimit[] = [];
  for (const limit of ordered) {
    const { rows } = await client.query<{ used: number; counted: boolean }>(
      `SELECT
         (SELECT count(*)::int FROM rate_limit_hits WHERE scope = $1 AND subject = $2 AND at > $3) AS used,
         EXISTS (SELECT 1 FROM rate_limit_hits WHERE scope = $1 AND subject = $2 AND action_id = $4) AS counted`,
      [limit.scope, limit.subject, new Date(now.getTime() - limit.windowMs), actionId],
    );
    const row = rows[0];
    if (row?.counted) continue;
    const used = row?.used ?? 0;
    if (used >= limit.count) throw refusal(limit, used);
    toRecord.push(limit);
  }
  for (const limit of toRecord) {
    await client.query('INSERT INTO rate_limit_hits (scope, subject, action_id, at) VALUES ($1, $2, $3, $4)', [
      limit.scope,
      limit.subject,
      actionId,
      now,
    ]);
  }
}
