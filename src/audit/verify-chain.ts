import type { Pool } from '../db/pool.ts';
import { AuditEventRowSchema, type AuditEventRow } from './audit-event.ts';
import { contentHash, GENESIS_HASH, linkHash } from './event-hash.ts';

export interface ChainBreak {
  seq: string;
  eventKey: string;
  /** Which rule the row breaks, in words an operator can act on. */
  problem: string;
}

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; firstBroken: ChainBreak };

/** Checks one row against its predecessor; returns the problem, or undefined when it holds. */
export function checkRow(row: AuditEventRow, prevHash: string, expectedSeq: bigint): string | undefined {
  if (BigInt(row.seq) !== expectedSeq) return `sequence gap: expected row ${expectedSeq}, found ${row.seq}`;
  if (row.prev_hash !== prevHash) return 'prev_hash does not match the hash of the row before it';
  const content = contentHash({
    eventKey: row.event_key,
    occurredAt: row.occurred_at,
    actionId: row.action_id,
    type: row.type,
    actor: row.actor,
    policyVersion: row.policy_version,
    payload: row.payload,
  });
  if (row.content_hash !== content) return 'the row was changed: its fields do not match its content_hash';
  if (row.hash !== linkHash(row.prev_hash, row.seq, content)) return 'the row hash does not match its contents';
  return undefined;
}

/** Walks the whole chain in order, in pages, and reports the first row that breaks it. */
export async function verifyChain(pool: Pool, pageSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  for (;;) {
    const { rows } = await pool.query(
      'SELECT * FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [expected.toString(), pageSize],
    );
    for (const raw of rows) {
      const row = AuditEventRowSchema.parse(raw);
      const problem = checkRow(row, prevHash, expected);
      if (problem) return { ok: false, checked, firstBroken: { seq: row.seq, eventKey: row.event_key, problem } };
      prevHash = row.hash;
      expected += 1n;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await pool.query('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
  const headRow = head.rows[0] as { seq: string; hash: string } | undefined;
  if (headRow && (BigInt(headRow.seq) !== expected - 1n || headRow.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: (expected).toString(),
        eventKey: '(missing)',
        problem: `rows after ${expected - 1n} were removed: the chain head is at ${headRow.seq}`,
      },
    };
  }
  return { ok: true, checked };
}
