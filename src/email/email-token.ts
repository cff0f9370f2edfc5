import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

// 32 random bytes: 256 bits, well past the 128 a guess must not reach.
const TOKEN_BYTES = 32;

/** A link token as it appears in the URL: 43 base64url characters. */
export const EmailTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function newEmailToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the database keeps instead of the token (SHA-256, lowercase hex). */
export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
