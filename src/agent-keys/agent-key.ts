import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An agent's API key: `csk_<keyId>_<secret>`. The prefix makes a leaked key easy to find (DLP
 * finds it in a draft); the key id (48 bits, not secret) finds the stored hash; the secret is
 * 256 random bits. Only the SHA-256 of the secret is stored.
 */
export const AGENT_KEY_PREFIX = 'csk_';
export const AGENT_KEY_PATTERN = /^csk_([0-9a-f]{12})_([0-9a-f]{64})$/;

export interface NewAgentKey {
  keyId: string;
  /** Shown once, to the operator who made it. */
  key: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateAgentKey(): NewAgentKey {
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('hex');
  return { keyId, key: `${AGENT_KEY_PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

/** The key id and secret of a well-formed key; undefined for anything else. */
export function parseAgentKey(key: string): { keyId: string; secret: string } | undefined {
  const match = AGENT_KEY_PATTERN.exec(key);
  if (!match?.[1] || !match[2]) return undefined;
  return { keyId: match[1], secret: match[2] };
}

const DUMMY_HASH = '0'.repeat(64);

/**
 * Whether the secret hashes to the stored hash, compared in constant time. With no stored hash
 * (an unknown key id) it still hashes and compares, so both cases take the same time.
 */
export function secretMatches(secret: string, storedHash: string | undefined): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash ?? DUMMY_HASH, 'hex');
  return timingSafeEqual(given, stored) && storedHash !== undefined;
}
