import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash of a value's canonical JSON: equal values, equal hashes. */
export function hashOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
