import { hashOf, sha256Hex } from '../canonical/sha256.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  eventKey: string;
  occurredAt: Date;
  actionId: string | null;
  type: string;
  actor: string;
  policyVersion: string;
  payload: Record<string, unknown>;
}

/** Hash of every field an event carries apart from its place in the chain. */
export function contentHash(event: HashedFields): string {
  return hashOf({
    eventKey: event.eventKey,
    occurredAt: event.occurredAt.toISOString(),
    actionId: event.actionId,
    type: event.type,
    actor: event.actor,
    policyVersion: event.policyVersion,
    payload: event.payload,
  });
}

/** The link: the same formula as `audit_append` in migrations (prev hash, seq, content hash). */
export function linkHash(prevHash: string, seq: string, content: string): string {
  return sha256Hex(`${prevHash}:${seq}:${content}`);
}
