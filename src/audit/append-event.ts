import type { DbClient } from '../db/pool.ts';
import { AuditEventRowSchema, type AuditEventRow, type NewAuditEvent } from './audit-event.ts';
import { contentHash } from './event-hash.ts';

/**
 * Appends one event to the chain, inside the caller's transaction so that the event and the
 * state change it records commit together. Call it last in the transaction: it holds the chain
 * head's lock until commit. Idempotent on eventKey: a retry returns the first row.
 */
export async function appendAuditEvent(client: DbClient, event: NewAuditEvent): Promise<AuditEventRow> {
  const result = await client.query(
    'SELECT * FROM audit_append($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      event.eventKey,
      event.occurredAt,
      event.actionId,
      event.type,
      event.actor,
      event.policyVersion,
      JSON.stringify(event.payload),
      contentHash(event),
    ],
  );
  return AuditEventRowSchema.parse(result.rows[0]);
}
